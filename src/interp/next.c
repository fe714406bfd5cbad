/* next.c — the next backups of a policy (see include/bkpc/interp.h). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int bkp_interp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpBackup *out)
{
    if (n <= 0 || n > BKP_NEXT_MAX)
        return 0;
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns = bkp_sched_day(p, runs);
    if (nruns <= 0)
        return 0;
    /* A window that opened the day before may still be running. Every week
     * has a backup day, so 7 days per backup (and two more) always suffice. */
    int64_t day = bkp_interp_day_of(tz, p, from) - 1;
    int got = 0;
    for (int64_t guard = 0; got < n && guard < (int64_t)n * 7 + 16; guard++, day++) {
        if (!bkp_sched_runs_on(p, bkp_weekday(day)))
            continue;
        for (int i = 0; i < nruns && got < n; i++) {
            BkpBackup b;
            interp_backup(tz, p, day, &runs[i], &b);
            if (b.utc >= from)
                out[got++] = b;
        }
    }
    return got;
}

int bkp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpNext *out)
{
    memset(out, 0, sizeof *out);
    out->policy = p;
    out->from = from;
    out->from_offset = bkp_interp_offset(tz, p, from);
    if (n <= 0 || n > BKP_NEXT_MAX)
        return 0;
    BkpBackup *b = malloc((size_t)n * sizeof *b);
    out->backups = malloc((size_t)n * sizeof *out->backups);
    if (!b || !out->backups) {
        free(b);
        bkp_next_free(out);
        return -1;
    }
    out->n = bkp_interp_next(tz, p, from, n, b);
    for (int i = 0; i < out->n; i++) {
        BkpNextBackup *x = &out->backups[i];
        memset(x, 0, sizeof *x);
        x->b = b[i];
        for (int w = 0; w < BKP_WHY_COUNT; w++)
            if (b[i].why >> w & 1)
                x->expires[w] = bkp_interp_expiry(tz, p, (BkpWhy)w, b[i].day, b[i].minute, b[i].utc);
    }
    free(b);
    return 0;
}

void bkp_next_free(BkpNext *next)
{
    free(next->backups);
    next->backups = NULL;
    next->n = 0;
}
