/* next.c — the next backups of a policy (see include/bkpc/interp.h). */
#include <string.h>

#include "internal.h"

/* The backups of a policy from an instant on, one at a time. */
typedef struct Walk {
    BkpTz *tz;
    const BkpPolicy *p;
    int64_t from, guard;
    InterpCal cal;                 /* the day walked */
    unsigned why;                  /* its rules (bkp_interp_why) */
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int nruns, run;
} Walk;

/* A window that opened the day before `from` may still be running. Every
 * week has a backup day, so 7 days per backup (and two more) always
 * suffice: n backups take at most n * 7 + 16 days. */
static void walk_init(Walk *w, BkpTz *tz, const BkpPolicy *p, int64_t from, int n)
{
    w->tz = tz;
    w->p = p;
    w->from = from;
    w->nruns = bkp_sched_day(p, w->runs);
    interp_cal_at(p, bkp_interp_day_of(tz, p, from) - 1, &w->cal);
    w->guard = (int64_t)n * 7 + 16;
    w->run = 0;
}

/* The next backup at or after `from` into *b; false when there is none. */
static bool walk_next(Walk *w, BkpBackup *b)
{
    for (; w->nruns > 0 && w->guard > 0; w->guard--, interp_cal_next(w->p, &w->cal), w->run = 0) {
        if (w->run == 0) {          /* a new day: its rules; none when it has no backups */
            w->why = interp_cal_why(w->p, &w->cal);
            if (w->why && !interp_day_exists(w->tz, w->p, w->cal.day))
                w->why = 0;
        }
        if (!w->why)
            continue;
        while (w->run < w->nruns) {
            interp_backup(w->tz, w->p, w->cal.day, w->why, &w->runs[w->run++], b);
            if (b->utc >= w->from)
                return true;
        }
    }
    return false;
}

int bkp_interp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpBackup *out)
{
    if (n <= 0 || n > BKP_NEXT_MAX)
        return 0;
    Walk w;
    walk_init(&w, tz, p, from, n);
    int got = 0;
    while (got < n && walk_next(&w, &out[got]))
        got++;
    return got;
}

void bkp_next(BkpTz *tz, const BkpPolicy *p, int64_t from, int n, BkpNext *out)
{
    memset(out, 0, sizeof *out);
    out->tz = tz;
    out->policy = p;
    out->from = from;
    out->from_offset = bkp_interp_offset(tz, p, from);
    out->n = n <= 0 || n > BKP_NEXT_MAX ? 0 : n;
}

int bkp_next_each(const BkpNext *next, BkpNextEach each, void *ctx, int *count)
{
    int got = 0, rc = 0;
    if (next->n > 0) {
        Walk w;
        walk_init(&w, next->tz, next->policy, next->from, next->n);
        BkpNextBackup x;
        while (got < next->n && walk_next(&w, &x.b)) {
            for (int r = 0; r < BKP_WHY_COUNT; r++)
                x.expires[r] = x.b.why >> r & 1 ? bkp_interp_expiry(next->tz, next->policy, (BkpWhy)r, x.b.day,
                                                                    x.b.minute, x.b.utc) : 0;
            got++;
            if ((rc = each(&x, ctx)) != 0)
                break;
        }
    }
    if (count)
        *count = got;
    return rc;
}

int bkp_next_count(const BkpNext *next)
{
    if (next->n <= 0)
        return 0;
    Walk w;
    walk_init(&w, next->tz, next->policy, next->from, next->n);
    BkpBackup b;
    int got = 0;
    while (got < next->n && walk_next(&w, &b))
        got++;
    return got;
}
