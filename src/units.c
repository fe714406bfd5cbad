/* units.c — durations: units and their exact conversions.
 *
 * Hours, days and weeks convert exactly among themselves (24, 7), as do
 * months and years (12). Days and months do not: `keep daily 1y` is a type
 * error, with the nearest exact spelling as a hint.
 */
#include <string.h>

#include "bkpc/check.h"

/* Every spelling of a unit. */
static const struct { const char *s; BkpUnit u; } spellings[] = {
    {"h", BKP_HOURS}, {"hour", BKP_HOURS}, {"hours", BKP_HOURS},
    {"d", BKP_DAYS}, {"day", BKP_DAYS}, {"days", BKP_DAYS},
    {"w", BKP_WEEKS}, {"week", BKP_WEEKS}, {"weeks", BKP_WEEKS},
    {"m", BKP_MONTHS}, {"month", BKP_MONTHS}, {"months", BKP_MONTHS},
    {"y", BKP_YEARS}, {"year", BKP_YEARS}, {"years", BKP_YEARS},
};

static long spelling(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++)
        if (strncmp(s, spellings[i].s, n) == 0 && spellings[i].s[n] == '\0')
            return (long)i;
    return -1;
}

BkpUnit bkp_unit_parse(const char *s)
{
    long i = spelling(s, strlen(s));
    return i < 0 ? BKP_UNIT_NONE : spellings[i].u;
}

const char *bkp_unit_spelling(const char *s, size_t n)
{
    long i = spelling(s, n);
    return i < 0 ? NULL : spellings[i].s;
}

const char *bkp_unit_name(BkpUnit u, bool plural)
{
    static const char *const one[] = {"hour", "day", "week", "month", "year"};
    static const char *const many[] = {"hours", "days", "weeks", "months", "years"};
    if (u < BKP_HOURS || u > BKP_YEARS)
        return "?";
    return plural ? many[u] : one[u];
}

char bkp_unit_letter(BkpUnit u)
{
    return u >= BKP_HOURS && u <= BKP_YEARS ? "hdwmy"[u] : '?';
}

/* Each unit in its family's base: hours for h/d/w, months for m/y. */
static int family(BkpUnit u) { return u <= BKP_WEEKS ? 0 : 1; }
static int64_t base(BkpUnit u)
{
    static const int64_t b[] = {1, 24, 168, 1, 12};
    return b[u];
}

bool bkp_unit_convert(int64_t n, BkpUnit from, BkpUnit to, int64_t *out)
{
    if (from < BKP_HOURS || to < BKP_HOURS || n < 0)
        return false;
    if (from == to) {
        *out = n;
        return true;
    }
    if (family(from) != family(to))
        return false;
    int64_t bf = base(from), bt = base(to);
    if (n > INT64_MAX / bf)
        return false;
    int64_t v = n * bf;
    if (v % bt)
        return false;
    *out = v / bt;
    return true;
}

int64_t bkp_unit_nearest(int64_t n, BkpUnit from, BkpUnit to)
{
    /* Average lengths in hours: a month is 365.25 / 12 days. */
    static const double hours[] = {1, 24, 168, 730.5, 8766};
    if (from < BKP_HOURS || to < BKP_HOURS)
        return 0;
    double v = (double)n * hours[from] / hours[to];
    if (v > 1e15)
        return INT64_MAX;
    int64_t r = (int64_t)(v + 0.5);
    return r < 1 ? 1 : r;
}

bool bkp_unit_exact_below(const char *dec, size_t n, BkpUnit u, BkpUnit *to, int64_t *out)
{
    if (u < BKP_HOURS || u > BKP_YEARS)
        return false;
    /* The number times 10^k, k its digits after the point. */
    int64_t v = 0, scale = 1;
    bool frac = false;
    for (size_t i = 0; i < n; i++) {
        if (dec[i] == '.' && !frac) {
            frac = true;
            continue;
        }
        if (dec[i] < '0' || dec[i] > '9' || v > (INT64_MAX - 9) / 10 || scale > INT64_MAX / 10)
            return false;
        v = v * 10 + (dec[i] - '0');
        if (frac)
            scale *= 10;
    }
    for (BkpUnit t = u - 1; t >= BKP_HOURS && family(t) == family(u); t--) {
        int64_t r = base(u) / base(t);
        if (v > INT64_MAX / r)
            return false;
        if (v * r % scale == 0) {
            *to = t;
            *out = v * r / scale;
            return true;
        }
    }
    return false;
}
