/* lexicon.c — the language's words (see include/bkpc/lexicon.h). */
#include "bkpc/lexicon.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bkpc/misspell.h"

/* ---- keywords ------------------------------------------------------------ */

static const struct { const char *text; unsigned flags; } keywords[BKP_KW_COUNT] = {
#define BKP_KW(text, TOKEN, flags) [BKP_KW_##TOKEN] = {text, flags},
#include "bkpc/keywords.def"
#undef BKP_KW
};

int bkp_keyword_lookup(const char *s, size_t n)
{
    /* keywords.def is sorted by spelling. The scanner looks up every word:
     * most probes differ at the first byte, compared before strncmp. */
    if (n == 0)
        return -1;
    size_t lo = 0, hi = BKP_KW_COUNT;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *k = keywords[mid].text;
        int c = (unsigned char)s[0] - (unsigned char)k[0];
        if (c == 0) {
            c = strncmp(s, k, n);
            if (c == 0 && k[n] != '\0')
                c = -1;
        }
        if (c == 0)
            return (int)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

const char *bkp_keyword_text(BkpKeyword k) { return (unsigned)k < BKP_KW_COUNT ? keywords[k].text : "?"; }
unsigned bkp_keyword_flags(BkpKeyword k) { return (unsigned)k < BKP_KW_COUNT ? keywords[k].flags : 0; }

/* ---- words with values ------------------------------------------------------- */

/* Every spelling users may write (in the order "did you mean" prefers on a
 * tie); the formatter's own spelling is the names' table's. */
static const BkpWord weekday_words[] = {
    {"sun", BKP_SUN}, {"sunday", BKP_SUN}, {"mon", BKP_MON}, {"monday", BKP_MON},
    {"tue", BKP_TUE}, {"tues", BKP_TUE}, {"tuesday", BKP_TUE}, {"wed", BKP_WED},
    {"wednesday", BKP_WED}, {"thu", BKP_THU}, {"thur", BKP_THU}, {"thurs", BKP_THU},
    {"thursday", BKP_THU}, {"fri", BKP_FRI}, {"friday", BKP_FRI}, {"sat", BKP_SAT},
    {"saturday", BKP_SAT},
};
static const BkpWord month_words[] = {
    {"jan", 0}, {"january", 0}, {"feb", 1}, {"february", 1}, {"mar", 2}, {"march", 2},
    {"apr", 3}, {"april", 3}, {"may", 4}, {"jun", 5}, {"june", 5}, {"jul", 6}, {"july", 6},
    {"aug", 7}, {"august", 7}, {"sep", 8}, {"sept", 8}, {"september", 8}, {"oct", 9},
    {"october", 9}, {"nov", 10}, {"november", 10}, {"dec", 11}, {"december", 11},
};
static const BkpWord week_words[] = {
    {"first", BKP_WEEK_FIRST}, {"second", BKP_WEEK_SECOND}, {"third", BKP_WEEK_THIRD},
    {"fourth", BKP_WEEK_FOURTH}, {"last", BKP_WEEK_LAST},
};
static const BkpWord day_words[] = {{"last", BKP_DAY_LAST}};
static const BkpWord unit_words[] = {
    {"h", BKP_HOURS}, {"d", BKP_DAYS}, {"w", BKP_WEEKS}, {"m", BKP_MONTHS}, {"y", BKP_YEARS},
    {"hours", BKP_HOURS}, {"days", BKP_DAYS}, {"weeks", BKP_WEEKS}, {"months", BKP_MONTHS},
    {"years", BKP_YEARS}, {"hour", BKP_HOURS}, {"day", BKP_DAYS}, {"week", BKP_WEEKS},
    {"month", BKP_MONTHS}, {"year", BKP_YEARS},
};

/* Names by value: {formatter, Azure, prose}. */
typedef struct Names { const char *bkp, *azure, *prose; } Names;
static const Names weekday_names[] = {
    {"sun", "Sunday", "Sunday"}, {"mon", "Monday", "Monday"}, {"tue", "Tuesday", "Tuesday"},
    {"wed", "Wednesday", "Wednesday"}, {"thu", "Thursday", "Thursday"}, {"fri", "Friday", "Friday"},
    {"sat", "Saturday", "Saturday"},
};
static const Names month_names[] = {
    {"jan", "January", "January"}, {"feb", "February", "February"}, {"mar", "March", "March"},
    {"apr", "April", "April"}, {"may", "May", "May"}, {"jun", "June", "June"},
    {"jul", "July", "July"}, {"aug", "August", "August"}, {"sep", "September", "September"},
    {"oct", "October", "October"}, {"nov", "November", "November"}, {"dec", "December", "December"},
};
static const Names week_names[] = {
    {"first", "First", "first"}, {"second", "Second", "second"}, {"third", "Third", "third"},
    {"fourth", "Fourth", "fourth"}, {"last", "Last", "last"},
};
#define D(n) {#n, #n, #n}
static const Names day_names[] = {
    {"?", "?", "?"}, D(1), D(2), D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), D(12),
    D(13), D(14), D(15), D(16), D(17), D(18), D(19), D(20), D(21), D(22), D(23), D(24), D(25),
    D(26), D(27), D(28), {"last", "Last", "last"},
};
#undef D
static const Names unit_names[] = {
    {"h", "Hours", "hours"}, {"d", "Days", "days"}, {"w", "Weeks", "weeks"},
    {"m", "Months", "months"}, {"y", "Years", "years"},
};

#define N(t) (sizeof(t) / sizeof((t)[0]))

static const struct Kind {
    const BkpWord *words;
    size_t nwords;
    const Names *names;
    int nvalues;
    bool any_case;
} kinds[BKP_WORD_KIND_COUNT] = {
    [BKP_WORD_WEEKDAY] = {weekday_words, N(weekday_words), weekday_names, N(weekday_names), true},
    [BKP_WORD_MONTH] = {month_words, N(month_words), month_names, N(month_names), true},
    [BKP_WORD_WEEK] = {week_words, N(week_words), week_names, N(week_names), true},
    [BKP_WORD_DAY] = {day_words, N(day_words), day_names, N(day_names), true},
    [BKP_WORD_UNIT] = {unit_words, N(unit_words), unit_names, N(unit_names), false},
};

const BkpWord *bkp_word_find(BkpWordKind kind, const char *s, size_t n)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT)
        return NULL;
    if (n == 0)
        return NULL;
    const struct Kind *k = &kinds[kind];
    /* the first byte first: most words differ there (words are ASCII letters) */
    int first = k->any_case ? s[0] | 0x20 : s[0];
    for (size_t i = 0; i < k->nwords; i++) {
        const char *w = k->words[i].text;
        if (((k->any_case ? w[0] | 0x20 : w[0]) == first) &&
            (k->any_case ? strncasecmp(s, w, n) : strncmp(s, w, n)) == 0 && w[n] == '\0')
            return &k->words[i];
    }
    return NULL;
}

int bkp_word_value(BkpWordKind kind, const char *s)
{
    const BkpWord *w = bkp_word_find(kind, s, strlen(s));
    return w ? w->value : -1;
}

const BkpWord *bkp_words(BkpWordKind kind, size_t *n)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT) {
        *n = 0;
        return NULL;
    }
    *n = kinds[kind].nwords;
    return kinds[kind].words;
}

const char *bkp_word_suggest(BkpWordKind kind, const char *s)
{
    size_t n;
    const BkpWord *w = bkp_words(kind, &n);
    const char *cands[32];
    if (n > 32)
        n = 32;
    for (size_t i = 0; i < n; i++)
        cands[i] = w[i].text;
    return bkp_closest(s, cands, n);
}

int bkp_word_count(BkpWordKind kind)
{
    return (unsigned)kind < BKP_WORD_KIND_COUNT ? kinds[kind].nvalues : 0;
}

const char *bkp_word_name(BkpWordKind kind, int v, BkpSpelling sp)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT || v < 0 || v >= kinds[kind].nvalues)
        return "?";
    const Names *nm = &kinds[kind].names[v];
    return sp == BKP_SPELL_AZURE ? nm->azure : sp == BKP_SPELL_PROSE ? nm->prose : nm->bkp;
}

char *bkp_words_join(char *buf, size_t n, BkpWordKind kind, uint32_t set, BkpSpelling sp,
                     const char *sep, const char *last_sep)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    int count = bkp_word_count(kind), total = 0, k = 0;
    for (int v = 0; v < count; v++)
        total += set >> v & 1;
    size_t len = 0;
    for (int v = 0; v < count && len < n; v++) {
        if (!(set >> v & 1))
            continue;
        k++;
        const char *s = k == 1 ? "" : k == total && last_sep ? last_sep : sep;
        int w = snprintf(buf + len, n - len, "%s%s", s, bkp_word_name(kind, v, sp));
        if (w < 0)
            break;
        len += (size_t)w;
    }
    return buf;
}

static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

bool bkp_name_is_bare(const char *s)
{
    if (!s || !is_alpha(*s))
        return false;
    for (s++; *s; s++)
        if (!is_alpha(*s) && !(*s >= '0' && *s <= '9') && !strchr("-_!", *s))
            return false;
    return true;
}
