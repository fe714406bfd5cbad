/* units.c — durations: units and their exact conversions (see
 * include/bkpc/units.h; their spellings are the lexicon's). */
#include "bkpc/units.h"

#include "bkpc/lexicon.h"

const char *bkp_unit_name(BkpUnit u, bool plural)
{
    static const char *const one[] = {"hour", "day", "week", "month", "year"};
    if (u < BKP_HOURS || u > BKP_YEARS)
        return "?";
    return plural ? bkp_word_name(BKP_WORD_UNIT, u, BKP_SPELL_PROSE) : one[u];
}

char bkp_unit_letter(BkpUnit u)
{
    return bkp_word_name(BKP_WORD_UNIT, u, BKP_SPELL_BKP)[0];
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
