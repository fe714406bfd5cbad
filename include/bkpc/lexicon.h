/* lexicon.h — the language's words, in one place: keywords (keywords.def),
 * weekdays, months, weeks of the month, days of the month and units, each
 * with its aliases, the spelling the formatter writes, the spelling Azure
 * uses and the one English prose uses.
 *
 * The scanner, the parser's error recovery, "did you mean", the checker,
 * every backend and the interpreter read their words from here, and a set
 * of them (the weekdays of a schedule, the months of yearly retention)
 * becomes text through one function, bkp_words_join().
 */
#ifndef BKPC_LEXICON_H
#define BKPC_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bkpc/units.h"

/* ---- keywords ------------------------------------------------------------ */

typedef enum BkpKeyword {
#define BKP_KW(text, TOKEN, flags) BKP_KW_##TOKEN,
#include "bkpc/keywords.def"
#undef BKP_KW
    BKP_KW_COUNT
} BkpKeyword;

enum { BKP_KWF_CLAUSE = 1u << 0, BKP_KWF_STMT = 1u << 1, BKP_KWF_KIND = 1u << 2 };

/* The keyword spelt exactly s[0..n) (keywords are lower case), or -1. */
int bkp_keyword_lookup(const char *s, size_t n);
const char *bkp_keyword_text(BkpKeyword k);      /* "resource-group" */
unsigned bkp_keyword_flags(BkpKeyword k);        /* BKP_KWF_* */

/* ---- words with values ----------------------------------------------------- */

/* Weekdays are numbered as .NET's and REST's DayOfWeek: Sunday = 0. */
enum { BKP_SUN, BKP_MON, BKP_TUE, BKP_WED, BKP_THU, BKP_FRI, BKP_SAT };
/* Weeks of the month: First = 0 ... Fourth = 3, Last = 4. */
enum { BKP_WEEK_FIRST, BKP_WEEK_SECOND, BKP_WEEK_THIRD, BKP_WEEK_FOURTH, BKP_WEEK_LAST };
/* Months: January = 0. Days of the month: 1..28, and `last`. */
enum { BKP_DAY_LAST = 29 };

typedef enum BkpWordKind {
    BKP_WORD_WEEKDAY,      /* sun .. sat: BKP_SUN .. BKP_SAT */
    BKP_WORD_MONTH,        /* jan .. dec: 0 .. 11 */
    BKP_WORD_WEEK,         /* first .. fourth, last: BKP_WEEK_* */
    BKP_WORD_DAY,          /* a day of the month: 1 .. 28, or `last` (BKP_DAY_LAST) */
    BKP_WORD_UNIT,         /* h, d, w, m, y and their words: BkpUnit */
    BKP_WORD_KIND_COUNT
} BkpWordKind;

typedef enum BkpSpelling {
    BKP_SPELL_BKP,         /* as the formatter writes it:  sun  jan      first  15  last  d    */
    BKP_SPELL_AZURE,       /* as Azure spells it:          Sunday January First  15  Last  Days */
    BKP_SPELL_PROSE,       /* in an English sentence:      Sunday January first  15  last  days */
} BkpSpelling;

/* A word of the table: one spelling of one value. */
typedef struct BkpWord {
    const char *text;      /* as written: "sun", "sunday", "tues", "hours" */
    int value;
} BkpWord;

/* The table's entry for the word s[0..n) of `kind`, or NULL. Weekdays,
 * months and weeks are matched without regard to case; units exactly (`M`
 * is not a unit: `m` is months). Days of the month are only `last` here:
 * their numbers are numbers. */
const BkpWord *bkp_word_find(BkpWordKind kind, const char *s, size_t n);
/* The value of the NUL-terminated word s, or -1. */
int bkp_word_value(BkpWordKind kind, const char *s);
/* The words of every kind as a hash index, for a caller that looks up many
 * (the checker, a few per policy): built from the table into storage the
 * caller owns, it answers as bkp_word_value() does, in a probe or two
 * instead of a pass over the kind's words. A word that is the table's own
 * string (the scanner's units: bkp_word_find()'s text) is found by its
 * address, without reading it. */
typedef struct BkpWordIndex {
    struct { uint64_t key; const BkpWord *word; } slot[256];    /* key 0: empty */
    struct { const char *text; const BkpWord *word; int kind; } by_text[256];   /* text NULL: empty */
} BkpWordIndex;
void bkp_word_index_init(BkpWordIndex *ix);
int bkp_word_index_value(const BkpWordIndex *ix, BkpWordKind kind, const char *s);
/* The same for a word that is a copy (never the table's own string: a
 * word of a list, `on first sun`): by its content alone. */
int bkp_word_index_copy_value(const BkpWordIndex *ix, BkpWordKind kind, const char *s);
/* "did you mean": the spelling of `kind` nearest to s (bkp_closest), or NULL. */
const char *bkp_word_suggest(BkpWordKind kind, const char *s);
/* Every spelling of `kind` (for completion and suggestions); *n gets how many. */
const BkpWord *bkp_words(BkpWordKind kind, size_t *n);

/* The name of value v of `kind` in spelling sp ("?" when out of range). A
 * unit's prose name is plural ("days"); units.h has the singular. */
const char *bkp_word_name(BkpWordKind kind, int v, BkpSpelling sp);
/* How many values `kind` has (7, 12, 5, 30 with 0 unused, 5). */
int bkp_word_count(BkpWordKind kind);

/* The names of the members of `set` (bit v = value v), in value order,
 * separated by `sep`, the last two by `last_sep` (NULL: sep):
 * ("sun, wed", "Sunday, Wednesday and Friday", "1, 15 and last"). Writes
 * into buf[0..n), always terminated (truncated if it must be), and
 * returns buf. */
char *bkp_words_join(char *buf, size_t n, BkpWordKind kind, uint32_t set, BkpSpelling sp,
                     const char *sep, const char *last_sep);

/* Whether the grammar reads `s` as one bare word: an ASCII letter, then
 * ASCII letters, digits, `-`, `_` or `!` (keywords are names too). */
bool bkp_name_is_bare(const char *s);

#endif
