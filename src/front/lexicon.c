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
 * tie); the formatter's own spelling is the names' table's. Each list is
 * written once, as an X-macro, and gives both the words (BkpWord, which
 * bkp_words() hands out) and their keys (below), so the two cannot
 * disagree. Spellings are lower case and unique within a kind. */
#define WEEKDAY_WORDS(X)                                                                       \
    X("sun", BKP_SUN) X("sunday", BKP_SUN) X("mon", BKP_MON) X("monday", BKP_MON)             \
    X("tue", BKP_TUE) X("tues", BKP_TUE) X("tuesday", BKP_TUE) X("wed", BKP_WED)              \
    X("wednesday", BKP_WED) X("thu", BKP_THU) X("thur", BKP_THU) X("thurs", BKP_THU)          \
    X("thursday", BKP_THU) X("fri", BKP_FRI) X("friday", BKP_FRI) X("sat", BKP_SAT)           \
    X("saturday", BKP_SAT)
#define MONTH_WORDS(X)                                                                         \
    X("jan", 0) X("january", 0) X("feb", 1) X("february", 1) X("mar", 2) X("march", 2)        \
    X("apr", 3) X("april", 3) X("may", 4) X("jun", 5) X("june", 5) X("jul", 6) X("july", 6)   \
    X("aug", 7) X("august", 7) X("sep", 8) X("sept", 8) X("september", 8) X("oct", 9)         \
    X("october", 9) X("nov", 10) X("november", 10) X("dec", 11) X("december", 11)
#define WEEK_WORDS(X)                                                                          \
    X("first", BKP_WEEK_FIRST) X("second", BKP_WEEK_SECOND) X("third", BKP_WEEK_THIRD)        \
    X("fourth", BKP_WEEK_FOURTH) X("last", BKP_WEEK_LAST)
#define DAY_WORDS(X) X("last", BKP_DAY_LAST)
#define UNIT_WORDS(X)                                                                          \
    X("h", BKP_HOURS) X("d", BKP_DAYS) X("w", BKP_WEEKS) X("m", BKP_MONTHS) X("y", BKP_YEARS) \
    X("hours", BKP_HOURS) X("days", BKP_DAYS) X("weeks", BKP_WEEKS) X("months", BKP_MONTHS)   \
    X("years", BKP_YEARS) X("hour", BKP_HOURS) X("day", BKP_DAYS) X("week", BKP_WEEKS)        \
    X("month", BKP_MONTHS) X("year", BKP_YEARS)

/* A word's key: its length in the top byte and its first KEY_CHARS bytes
 * below, the first in the lowest, so that one comparison of keys compares
 * the length and the head of a word (a longer word then compares its tail).
 * WORD_KEY computes it from the string literal when this file compiles. */
enum { KEY_CHARS = 7 };
#define KEY_BYTE(lit, i)                                                                       \
    ((i) + 1 < sizeof(lit) ? (uint64_t)(unsigned char)(lit)[(i) + 1 < sizeof(lit) ? (i) : 0] << 8 * (i) : 0)
#define WORD_KEY(lit)                                                                          \
    ((uint64_t)(sizeof(lit) - 1) << 56 | KEY_BYTE(lit, 0) | KEY_BYTE(lit, 1) | KEY_BYTE(lit, 2) | \
     KEY_BYTE(lit, 3) | KEY_BYTE(lit, 4) | KEY_BYTE(lit, 5) | KEY_BYTE(lit, 6))

#define AS_WORD(text, value) {text, value},
#define AS_KEY(text, value) WORD_KEY(text),
static const BkpWord weekday_words[] = {WEEKDAY_WORDS(AS_WORD)};
static const uint64_t weekday_keys[] = {WEEKDAY_WORDS(AS_KEY)};
static const BkpWord month_words[] = {MONTH_WORDS(AS_WORD)};
static const uint64_t month_keys[] = {MONTH_WORDS(AS_KEY)};
static const BkpWord week_words[] = {WEEK_WORDS(AS_WORD)};
static const uint64_t week_keys[] = {WEEK_WORDS(AS_KEY)};
static const BkpWord day_words[] = {DAY_WORDS(AS_WORD)};
static const uint64_t day_keys[] = {DAY_WORDS(AS_KEY)};
static const BkpWord unit_words[] = {UNIT_WORDS(AS_WORD)};
static const uint64_t unit_keys[] = {UNIT_WORDS(AS_KEY)};
#undef AS_WORD
#undef AS_KEY

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
    const uint64_t *keys;       /* keys[i]: WORD_KEY(words[i].text) */
    size_t nwords;
    const Names *names;
    int nvalues;
    bool any_case;
} kinds[BKP_WORD_KIND_COUNT] = {
    [BKP_WORD_WEEKDAY] = {weekday_words, weekday_keys, N(weekday_words), weekday_names, N(weekday_names), true},
    [BKP_WORD_MONTH] = {month_words, month_keys, N(month_words), month_names, N(month_names), true},
    [BKP_WORD_WEEK] = {week_words, week_keys, N(week_words), week_names, N(week_names), true},
    [BKP_WORD_DAY] = {day_words, day_keys, N(day_words), day_names, N(day_names), true},
    [BKP_WORD_UNIT] = {unit_words, unit_keys, N(unit_words), unit_names, N(unit_names), false},
};

static int ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? c | 0x20 : c; }

/* Whether s[from..n) is word w's tail, in the kind's case. */
static bool same_tail(const struct Kind *k, const char *w, const char *s, size_t from, size_t n)
{
    for (size_t j = from; j < n; j++)
        if ((k->any_case ? ascii_lower(s[j]) : s[j]) != w[j])
            return false;
    return true;
}

/* The head of the key of s[0..n) (1 <= n <= 0xFF) as kind k compares it:
 * its first KEY_CHARS bytes. The words of a kind that ignores case are
 * ASCII letters in lower case (test_lexicon checks it), and x | 0x20 is
 * the lower-case letter c exactly when x is c or its upper case: setting
 * that bit in every byte of the head folds it, as far as a comparison with
 * those words can tell. */
static inline uint64_t head_of(const struct Kind *k, const char *s, size_t n)
{
    unsigned fold = k->any_case ? 0x20 : 0;
    uint64_t head = 0;
    switch (n < KEY_CHARS ? n : KEY_CHARS) {     /* its last byte first */
    case 7: head |= (uint64_t)((unsigned char)s[6] | fold) << 48; /* fall through */
    case 6: head |= (uint64_t)((unsigned char)s[5] | fold) << 40; /* fall through */
    case 5: head |= (uint64_t)((unsigned char)s[4] | fold) << 32; /* fall through */
    case 4: head |= (uint64_t)((unsigned char)s[3] | fold) << 24; /* fall through */
    case 3: head |= (uint64_t)((unsigned char)s[2] | fold) << 16; /* fall through */
    case 2: head |= (uint64_t)((unsigned char)s[1] | fold) << 8;  /* fall through */
    default: head |= (unsigned char)s[0] | fold;
    }
    return head;
}

/* The entry of k spelt s[0..n), 1 <= n <= 0xFF: its key, then its tail. */
static inline const BkpWord *find(const struct Kind *k, const char *s, size_t n)
{
    uint64_t key = head_of(k, s, n) | (uint64_t)n << 56;
    for (size_t i = 0; i < k->nwords; i++)
        if (k->keys[i] == key && (n <= KEY_CHARS || same_tail(k, k->words[i].text, s, KEY_CHARS, n)))
            return &k->words[i];
    return NULL;
}

const BkpWord *bkp_word_find(BkpWordKind kind, const char *s, size_t n)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT)
        return NULL;
    if (n == 0 || n > 0xFF)         /* no word is empty, or longer than a key counts */
        return NULL;
    return find(&kinds[kind], s, n);
}

int bkp_word_value(BkpWordKind kind, const char *s)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT)
        return -1;
    size_t n = strlen(s);
    if (n == 0 || n > 0xFF)
        return -1;
    const BkpWord *w = find(&kinds[kind], s, n);
    return w ? w->value : -1;
}

/* ---- the index ---- */

/* A word's key in the index: its key, with the length cut to 5 bits (no
 * word is longer than 31 bytes) and the kind in the 3 bits above, so that
 * one comparison tells kind, length and head. */
enum { INDEX_SLOTS = sizeof(((BkpWordIndex *)0)->slot) / sizeof(((BkpWordIndex *)0)->slot[0]),
       INDEX_MAX_LEN = 31 };
_Static_assert(BKP_WORD_KIND_COUNT <= 8, "a kind takes 3 bits of an index key");

static inline uint64_t index_key(BkpWordKind kind, const char *s, size_t n)
{
    return head_of(&kinds[kind], s, n) | (uint64_t)((unsigned)kind << 5 | n) << 56;
}

static inline size_t index_slot(uint64_t key)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (INDEX_SLOTS - 1);
}

/* The slot of the table's string `text` of kind `kind` (kinds may share
 * a string: `last`). */
static inline size_t text_slot(const char *text, BkpWordKind kind)
{
    return (size_t)((((uint64_t)(uintptr_t)text + (unsigned)kind) * UINT64_C(0x9E3779B97F4A7C15)) >> 40) &
           (INDEX_SLOTS - 1);
}

_Static_assert(N(weekday_words) + N(month_words) + N(week_words) + N(day_words) + N(unit_words) <= INDEX_SLOTS / 4,
               "the index stays at most a quarter full");

void bkp_word_index_init(BkpWordIndex *ix)
{
    memset(ix, 0, sizeof *ix);
    for (int kind = 0; kind < BKP_WORD_KIND_COUNT; kind++) {
        const struct Kind *k = &kinds[kind];
        for (size_t i = 0; i < k->nwords; i++) {
            size_t n = strlen(k->words[i].text);
            if (n > INDEX_MAX_LEN)
                continue;       /* never: bkp_word_index_value would not find it (test_lexicon) */
            uint64_t key = index_key((BkpWordKind)kind, k->words[i].text, n);
            size_t j = index_slot(key);
            while (ix->slot[j].key)
                j = (j + 1) & (INDEX_SLOTS - 1);
            ix->slot[j].key = key;
            ix->slot[j].word = &k->words[i];
            for (j = text_slot(k->words[i].text, (BkpWordKind)kind); ix->by_text[j].text;)
                j = (j + 1) & (INDEX_SLOTS - 1);
            ix->by_text[j].text = k->words[i].text;
            ix->by_text[j].word = &k->words[i];
            ix->by_text[j].kind = kind;
        }
    }
}

int bkp_word_index_value(const BkpWordIndex *ix, BkpWordKind kind, const char *s)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT)
        return -1;
    for (size_t j = text_slot(s, kind); ix->by_text[j].text; j = (j + 1) & (INDEX_SLOTS - 1))
        if (ix->by_text[j].text == s && ix->by_text[j].kind == (int)kind)
            return ix->by_text[j].word->value;
    return bkp_word_index_copy_value(ix, kind, s);
}

int bkp_word_index_copy_value(const BkpWordIndex *ix, BkpWordKind kind, const char *s)
{
    if ((unsigned)kind >= BKP_WORD_KIND_COUNT)
        return -1;
    size_t n = strlen(s);
    if (n == 0 || n > INDEX_MAX_LEN)
        return -1;
    const struct Kind *k = &kinds[kind];
    uint64_t key = index_key(kind, s, n);
    for (size_t j = index_slot(key); ix->slot[j].key; j = (j + 1) & (INDEX_SLOTS - 1))
        if (ix->slot[j].key == key && (n <= KEY_CHARS || same_tail(k, ix->slot[j].word->text, s, KEY_CHARS, n)))
            return ix->slot[j].word->value;
    return -1;
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
