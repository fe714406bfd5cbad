/* values.c — the scalars of a policy's JSON: strings, counts, enums, the
 * words of the lexicon as Azure spells them (or PowerShell numbers them),
 * and date-times read as Azure reads them (RULES.md A7). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bkpc/civil.h"
#include "bkpc/misspell.h"
#include "bkpc/print.h"
#include "bkpc/sched.h"
#include "import_int.h"

enum { MAX_COUNT = 1000000000 };   /* as the checker: larger is "far too long" anyway */

static bool poisoned(const Reader *R, const Node *n) { return n->v == R->poison; }

const char *val_string(Reader *R, const Node *n)
{
    if (poisoned(R, n))
        return NULL;
    if (!json_is_string(n->v)) {
        imp_error(R, n, "expected a string, found %s", json_kind(n->v));
        return NULL;
    }
    return bkp_arena_strndup(R->A, json_string_value(n->v), json_string_length(n->v));
}

const char *val_text(Reader *R, const Node *n, const char *what)
{
    const char *s = val_string(R, n);
    if (s && !bkp_string_printable(s)) {
        imp_error(R, n, "the %s holds a line break, which a .bkp string cannot", what);
        return NULL;
    }
    return s;
}

int val_count(Reader *R, const Node *n, const char *what)
{
    if (poisoned(R, n))
        return -1;
    if (!json_is_integer(n->v)) {
        imp_error(R, n, "%s: expected a whole number, found %s", what, json_kind(n->v));
        return -1;
    }
    json_int_t v = json_integer_value(n->v);
    if (v < 0 || v > MAX_COUNT) {
        imp_error(R, n, "%s of %" JSON_INTEGER_FORMAT " cannot be written in .bkp (0 to %d)", what, v, MAX_COUNT);
        return -1;
    }
    return (int)v;
}

bool val_bool(Reader *R, const Node *n, bool *out)
{
    if (poisoned(R, n))
        return false;
    if (!json_is_boolean(n->v)) {
        imp_error(R, n, "expected true or false, found %s", json_kind(n->v));
        return false;
    }
    *out = json_is_true(n->v);
    return true;
}

/* A PowerShell enum number, or a string; what the enums below compare. */
static bool enum_input(Reader *R, const Node *n, const char *what, const char **s, json_int_t *num)
{
    *s = NULL;
    *num = 0;
    if (poisoned(R, n))
        return false;
    if (json_is_string(n->v)) {
        *s = json_string_value(n->v);
        return true;
    }
    if (R->dialect == DIALECT_PS && json_is_integer(n->v)) {
        *num = json_integer_value(n->v);
        return true;
    }
    imp_error(R, n, "expected %s%s, found %s", what,
              R->dialect == DIALECT_PS ? " (a name or its number)" : " (a string)", json_kind(n->v));
    return false;
}

int val_enum(Reader *R, const Node *n, const EnumVal *t, int count, const char *what)
{
    const char *s;
    json_int_t num;
    if (!enum_input(R, n, what, &s, &num))
        return -1;
    for (int i = 0; i < count; i++)
        if (s ? strcasecmp(s, t[i].name) == 0 : t[i].ps && num == t[i].ps)
            return t[i].value;
    char names[256] = "";
    for (int i = 0; i < count; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", t[i].name);
    if (s)
        imp_error(R, n, "`%s` is not %s bkpc can write (%s)", s, what, names);
    else
        imp_error(R, n, "%" JSON_INTEGER_FORMAT " is not %s bkpc can write (%s)", num, what, names);
    return -1;
}

static const char *const kind_names[BKP_WORD_KIND_COUNT] = {
    [BKP_WORD_WEEKDAY] = "a weekday",
    [BKP_WORD_MONTH] = "a month",
    [BKP_WORD_WEEK] = "a week of the month",
    [BKP_WORD_UNIT] = "a unit of retention",
};

/* PowerShell's number of value 0 of `kind` (.NET DayOfWeek counts from
 * Sunday = 0; its Month, WeekOfMonth and RetentionDurationType from 1). */
static int ps_base(BkpWordKind kind)
{
    return kind == BKP_WORD_MONTH || kind == BKP_WORD_WEEK ? 1 : 0;
}

int val_word(Reader *R, const Node *n, BkpWordKind kind)
{
    const char *s;
    json_int_t num;
    if (!enum_input(R, n, kind_names[kind], &s, &num))
        return -1;
    int count = bkp_word_count(kind);
    const char *names[32];
    for (int v = 0; v < count && v < 32; v++) {
        names[v] = bkp_word_name(kind, v, BKP_SPELL_AZURE);
        if (s && strcasecmp(s, names[v]) == 0)
            return v;
    }
    if (!s && num - ps_base(kind) >= 0 && num - ps_base(kind) < count &&
        !(kind == BKP_WORD_UNIT && num == BKP_HOURS))
        return (int)(num - ps_base(kind));
    char all[160];
    bkp_words_join(all, sizeof all, kind, (1u << count) - 1, BKP_SPELL_AZURE, ", ", NULL);
    BkpDiag *g = s ? imp_error(R, n, "`%s` is not %s", s, kind_names[kind])
                   : imp_error(R, n, "%" JSON_INTEGER_FORMAT " is not %s", num, kind_names[kind]);
    const char *near = s ? bkp_closest(s, names, (size_t)count) : NULL;
    if (near)
        bkp_diag_hint(R->D, g, "did you mean `%s`?", near);
    else
        bkp_diag_hint(R->D, g, "Azure spells them %s", all);
    return -1;
}

uint32_t val_words(Reader *R, const Node *n, BkpWordKind kind, const char *rule)
{
    long len = arr_open(R, n);
    int count = bkp_word_count(kind);
    if (len < 0)
        return 0;
    static const char *const plural[BKP_WORD_KIND_COUNT] = {
        [BKP_WORD_WEEKDAY] = "weekdays", [BKP_WORD_MONTH] = "months", [BKP_WORD_WEEK] = "weeks of the month"};
    if (len == 0) {
        imp_error(R, n, "an empty list: Azure needs at least one (%s)", rule);
        return 0;
    }
    if (len > count) {
        imp_error(R, n, "a list of %ld: there are %d %s, each listed at most once (%s)", len, count, plural[kind],
                  rule);
        return 0;
    }
    uint32_t set = 0;
    for (long i = 0; i < len; i++) {
        Node e = arr_elem(R, n, (size_t)i);
        int v = val_word(R, &e, kind);
        if (v < 0)
            return 0;
        if (set >> v & 1) {
            imp_error(R, &e, "`%s` listed twice: Azure refuses repeats (%s)",
                      bkp_word_name(kind, v, BKP_SPELL_AZURE), rule);
            return 0;
        }
        set |= 1u << v;
    }
    return set;
}

/* ---- date-times --------------------------------------------------------------------- */

typedef struct DateTime {
    int64_t utc;            /* the instant, seconds */
    int minute;             /* the clock Azure reads: minutes of the UTC day */
    int offset;             /* minutes east of UTC, as written */
    bool seconds;           /* seconds or a fraction that is not zero */
} DateTime;

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY-MM-DDTHH:MM[:SS[.F...]][Z | +HH:MM | +HHMM]; also a space for T. */
static bool parse_iso(const char *s, DateTime *dt)
{
    size_t n = strlen(s);
    if (n < 16 || s[4] != '-' || s[7] != '-' || !strchr("Tt ", s[10]) || s[13] != ':')
        return false;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), sec = 0;
    const char *p = s + 16;
    dt->seconds = false;
    if (*p == ':') {
        sec = digits(p + 1, 2);
        p += 3;
        if (*p == '.') {
            for (p++; *p >= '0' && *p <= '9'; p++)
                dt->seconds |= *p != '0';
            if (p[-1] == '.')
                return false;
        }
    }
    dt->offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh = digits(p + 1, 2), om = p[3] == ':' ? digits(p + 4, 2) : digits(p + 3, 2);
        if (oh < 0 || om < 0 || oh > 23 || om > 59)
            return false;
        dt->offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
        p += p[3] == ':' ? 6 : 5;
    }
    if (*p || y < 1 || mo < 1 || mo > 12 || d < 1 || d > bkp_days_in_month(y, mo) || h < 0 || h > 23 ||
        mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return false;
    dt->seconds |= sec != 0;
    dt->utc = bkp_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - dt->offset * 60;
    dt->minute = (int)(bkp_floor_div(dt->utc, 60) - bkp_floor_div(dt->utc, 86400) * 1440);
    return true;
}

/* "/Date(1706774400000)/" and "/Date(1706774400000+0530)/": Windows
 * PowerShell's ConvertTo-Json; milliseconds since 1970 UTC (the suffix
 * only says the value was local). */
static bool parse_msdate(const char *s, DateTime *dt)
{
    if (strncmp(s, "/Date(", 6) != 0)
        return false;
    const char *p = s + 6;
    bool neg = *p == '-';
    p += neg;
    int64_t ms = 0;
    int nd = 0;
    for (; *p >= '0' && *p <= '9' && nd < 16; p++, nd++)
        ms = ms * 10 + (*p - '0');
    if (nd == 0)
        return false;
    if ((*p == '+' || *p == '-') && digits(p + 1, 4) >= 0)
        p += 5;
    if (strcmp(p, ")/") != 0)
        return false;
    if (neg)
        ms = -ms;
    dt->offset = 0;
    dt->seconds = ms % 60000 != 0;
    dt->utc = bkp_floor_div(ms, 1000);
    dt->minute = (int)(bkp_floor_div(dt->utc, 60) - bkp_floor_div(dt->utc, 86400) * 1440);
    return true;
}

/* A time dated after `now`: one warning per policy, at the first such time,
 * counting the others. */
static void future(Reader *R, const Node *n, const DateTime *dt)
{
    if (dt->utc <= R->im->now)
        return;
    if (++R->future.n > 1)
        return;
    int y, m, d;
    bkp_civil_from_days(bkp_floor_div(dt->utc, 86400), &y, &m, &d);
    R->future.first = imp_warning(R, n, "dated in the future (%04d-%02d-%02d): Azure rejects schedule and "
                                  "retention times in the future", y, m, d);
    bkp_diag_hint(R->D, R->future.first, "only the time of day counts: any date in the past will do, "
                  "as in `2024-01-01T%02d:%02d:00Z`", dt->minute / 60, dt->minute % 60);
}

/* One diagnostic for a mistake repeated in one policy: the first one says
 * how many more there are. */
static void once_end(Reader *R, Once *o)
{
    if (o->n > 1)
        o->first->msg = bkp_arena_printf(R->A, "%s (and %d more like it in this policy)", o->first->msg, o->n - 1);
    o->first = NULL;
    o->n = 0;
}

void policy_begin(Reader *R)
{
    R->future.first = R->retention_time.first = NULL;
    R->future.n = R->retention_time.n = 0;
}

void policy_end(Reader *R)
{
    once_end(R, &R->future);
    once_end(R, &R->retention_time);
}

int val_time(Reader *R, const Node *n)
{
    if (poisoned(R, n))
        return -1;
    if (!json_is_string(n->v)) {
        imp_error(R, n, "expected a date-time string, found %s", json_kind(n->v));
        return -1;
    }
    const char *s = json_string_value(n->v);
    DateTime dt;
    if (!parse_iso(s, &dt) && !parse_msdate(s, &dt)) {
        BkpDiag *g = imp_error(R, n, "`%s` is not a date-time", s);
        bkp_diag_hint(R->D, g, "Azure takes date-times such as `2024-01-01T08:00:00Z`; only the time of "
                      "day counts, in the policy's time zone");
        return -1;
    }
    if (dt.seconds) {
        imp_error(R, n, "`%s` has seconds: Azure takes times on the minute, with 0 seconds (B3), "
                  "and .bkp times are HH:MM", s);
        return -1;
    }
    if (dt.offset) {
        char hh[6];
        BkpDiag *g = imp_warning(R, n, "`%s` has a UTC offset: Azure reads the clock of the UTC time, "
                                 "%s, in the policy's time zone (A7)", s, bkp_fmt_hhmm(dt.minute, hh));
        bkp_diag_hint(R->D, g, "a time in the policy's own zone is written with `Z`: `...T%.5sZ`", s + 11);
    }
    future(R, n, &dt);
    return dt.minute;
}

int val_one_time(Reader *R, const Node *n, const char *what, const char *rule)
{
    long len = arr_open(R, n);
    if (len < 0)
        return -1;
    if (len == 0) {
        imp_error(R, n, "no %s: Azure needs exactly one (%s)", what, rule);
        return -1;
    }
    Node first = arr_elem(R, n, 0);
    int t = val_time(R, &first);
    if (len > 1) {
        Node second = arr_elem(R, n, 1);
        BkpDiag *g = imp_error(R, &second, "a second %s: Azure takes exactly one (%s), and .bkp says one",
                               what, rule);
        if (strcmp(rule, "B2") == 0)
            bkp_diag_hint(R->D, g, "several backups a day are an enhanced hourly schedule (`every 4h from ...`)");
        return -1;
    }
    return t;
}
