/* sched.c — the one schedule-expansion routine (see include/bkpc/sched.h). */
#include "bkpc/sched.h"

#include <stdio.h>

int bkp_sched_day(const BkpPolicy *p, BkpRun out[BKP_SCHED_MAX_RUNS])
{
    if (p->freq != BKP_FREQ_HOURLY) {
        out[0].minute = p->time;
        out[0].to_vault = true;
        return 1;
    }
    /* Hourly: a backup at the window start and every `interval` hours after
     * it while still inside the window (24h/4h -> 6 backups). The last one of
     * the window is the one transferred to the vault (RULES.md B12). */
    int n = 0;
    int step = p->interval_hours * 60, window = p->window_hours * 60;
    if (step <= 0)
        return 0;
    for (int t = 0; t < window && n < BKP_SCHED_MAX_RUNS; t += step) {
        out[n].minute = p->time + t;
        out[n].to_vault = false;
        n++;
    }
    if (n)
        out[n - 1].to_vault = true;
    return n;
}

bool bkp_sched_runs_on(const BkpPolicy *p, int wday)
{
    if (p->freq != BKP_FREQ_WEEKLY)
        return true;
    return wday >= 0 && wday < 7 && (p->run_days >> wday & 1);
}

int bkp_sched_anchor(const BkpPolicy *p)
{
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int n = bkp_sched_day(p, runs);
    return n ? runs[0].minute : p->time;
}

char *bkp_sched_describe(const BkpPolicy *p, char *buf, size_t n)
{
    char t[6], days[96];
    switch (p->freq) {
    case BKP_FREQ_HOURLY:
        snprintf(buf, n, "every %d hours from %s for %d hours", p->interval_hours, bkp_fmt_hhmm(p->time, t),
                 p->window_hours);
        break;
    case BKP_FREQ_DAILY:
        snprintf(buf, n, "daily at %s", bkp_fmt_hhmm(p->time, t));
        break;
    case BKP_FREQ_WEEKLY:
        snprintf(buf, n, "weekly on %s at %s",
                 bkp_words_join(days, sizeof days, BKP_WORD_WEEKDAY, p->run_days, BKP_SPELL_PROSE, ", ", " and "),
                 bkp_fmt_hhmm(p->time, t));
        break;
    }
    return buf;
}

char *bkp_fmt_hhmm(int minute, char buf[static 6])
{
    int m = ((minute % 1440) + 1440) % 1440, h = m / 60;
    m %= 60;
    buf[0] = (char)('0' + h / 10);
    buf[1] = (char)('0' + h % 10);
    buf[2] = ':';
    buf[3] = (char)('0' + m / 10);
    buf[4] = (char)('0' + m % 10);
    buf[5] = '\0';
    return buf;
}
