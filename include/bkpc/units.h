/* units.h — durations: units and their exact conversions.
 *
 * Hours, days and weeks convert exactly among themselves (24, 7), as do
 * months and years (12). Days and months do not: `keep daily 1y` is a type
 * error, with the nearest exact spelling as a hint. The units' spellings
 * are words of the lexicon (lexicon.h, BKP_WORD_UNIT).
 */
#ifndef BKPC_UNITS_H
#define BKPC_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { BKP_UNIT_NONE = -1, BKP_HOURS, BKP_DAYS, BKP_WEEKS, BKP_MONTHS, BKP_YEARS } BkpUnit;

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
 * 1.5m, 1.3d) or the number is too long. For the hint of a lexical error. */
bool bkp_unit_exact_below(const char *dec, size_t n, BkpUnit u, BkpUnit *to, int64_t *out);

#endif
