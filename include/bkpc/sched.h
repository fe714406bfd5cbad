/* sched.h — the one schedule-expansion routine.
 *
 * Every backend (the retention times of the REST body, the PowerShell
 * objects, the CLI JSON) and the interpreter (explain, next, simulate) get
 * the backup times of a policy from here, so they can never disagree.
 */
#ifndef BKPC_SCHED_H
#define BKPC_SCHED_H

#include <stdbool.h>
#include <stddef.h>

#include "bkpc/policy.h"

#define BKP_SCHED_MAX_RUNS 24

typedef struct BkpRun {
    int minute;      /* local minutes after the midnight that starts the schedule's
                        day; an hourly window may cross midnight, so >= 1440 means
                        the next calendar day */
    bool to_vault;   /* this backup is transferred to the vault (for hourly: the
                        last of the window, RULES.md B12; daily/weekly: always) */
} BkpRun;

/* The backups taken on one scheduled day, in time order. Returns how many. */
int bkp_sched_day(const BkpPolicy *p, BkpRun out[BKP_SCHED_MAX_RUNS]);
/* Whether the schedule's day starts on weekday `wday` (BKP_SUN..BKP_SAT). */
bool bkp_sched_runs_on(const BkpPolicy *p, int wday);
/* The schedule's anchor time, minutes after local midnight: the daily/weekly
 * run time or the hourly window start. Every retention time equals it (D9). */
int bkp_sched_anchor(const BkpPolicy *p);
/* `minute` (wrapped into one day) as "HH:MM" into buf; returns buf. */
char *bkp_fmt_hhmm(int minute, char buf[static 6]);
/* The schedule in words, as every output says it: "every 4 hours from 08:00
 * for 24 hours", "daily at 22:30", "weekly on Sunday and Wednesday at
 * 02:00". Writes into buf[0..n) and returns it. */
char *bkp_sched_describe(const BkpPolicy *p, char *buf, size_t n);

#endif
