/* check.h — the type checker's pieces, for tests and tools.
 *
 * bkp_check() (compile.h) runs all of this. Each Azure rule of
 * reference/RULES.md that can be checked on a resolved policy is one row of
 * the rule table: its id, what it demands, and one function.
 */
#ifndef BKPC_CHECK_H
#define BKPC_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bkpc/diag.h"
#include "bkpc/policy.h"

/* ---- units --------------------------------------------------------------- */
typedef enum { BKP_UNIT_NONE = -1, BKP_HOURS, BKP_DAYS, BKP_WEEKS, BKP_MONTHS, BKP_YEARS } BkpUnit;

/* "h", "hour", "hours", "d", "day", "days", ... -> unit; BKP_UNIT_NONE otherwise. */
BkpUnit bkp_unit_parse(const char *s);
/* The same table's string for the unit spelt s[0..n) ("days"), or NULL: the
 * scanner keeps it instead of a copy. */
const char *bkp_unit_spelling(const char *s, size_t n);
const char *bkp_unit_name(BkpUnit u, bool plural);   /* "day", "days" */
char bkp_unit_letter(BkpUnit u);                     /* 'd' */
/* Exact conversion: true and *out when n `from` is a whole number of `to`
 * (2w -> 14 days, 2y -> 24 months, 48h -> 2 days); false when inexact
 * (1y as days, 6w as months) or when the result overflows. */
bool bkp_unit_convert(int64_t n, BkpUnit from, BkpUnit to, int64_t *out);
/* The nearest whole number of `to` to n `from` (for hints): 1y -> 365 days. */
int64_t bkp_unit_nearest(int64_t n, BkpUnit from, BkpUnit to);
/* A decimal number `dec` (n bytes, "1.5") of unit u as a whole number of the
 * largest smaller unit of u's family it is exact in: true and *to, *out for
 * 1.5d -> 36h, 1.5w -> 252h, 1.25y -> 15m; false when there is none (2.5h,
 * 1.5m, 1.3d) or the number is too long. For the scanner's hint. */
bool bkp_unit_exact_below(const char *dec, size_t n, BkpUnit u, BkpUnit *to, int64_t *out);

/* ---- words ----------------------------------------------------------------- */
int bkp_word_weekday(const char *s);   /* "sun", "Sunday" -> BKP_SUN; -1 */
int bkp_word_month(const char *s);     /* "jan", "January" -> 0; -1 */
int bkp_word_week(const char *s);      /* "first" .. "fourth", "last" -> 0..4; -1 */
/* "did you mean": the nearest weekday/month/week spelling, or NULL. */
const char *bkp_word_suggest_weekday(const char *s);
const char *bkp_word_suggest_month(const char *s);
const char *bkp_word_suggest_week(const char *s);

/* ---- rules ----------------------------------------------------------------- */
typedef struct BkpRule {
    const char *id;            /* "B7" */
    const char *summary;       /* one line: what Azure demands */
    /* Checks one resolved policy; queues diagnostics; true when it holds. */
    bool (*check)(BkpDiags *d, const BkpPolicy *p);
} BkpRule;

/* The rule table, in id order. */
const BkpRule *bkp_rules(int *n);
const BkpRule *bkp_rule_find(const char *id);

/* Policy names (A6): 3-150 characters, a letter, then letters, digits, - _ !. */
bool bkp_policy_name_ok(const char *name);

#endif
