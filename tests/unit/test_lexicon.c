/* Unit tests of the lexicon (include/bkpc/lexicon.h): its keywords against
 * the grammar's keyword tokens, in both directions, and against the editors'
 * syntax files; lookups, spellings, and bkp_words_join. Run from the
 * repository root, as make check does. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/lexicon.h"
#include "front/parse_int.h"
#include "parser.h"

/* Each keyword's token, as keywords.def names it (the scanner's table is
 * built the same way). */
static const int kw_token[BKP_KW_COUNT] = {
#define BKP_KW(text, TOKEN, flags) [BKP_KW_##TOKEN] = TOKEN,
#include "bkpc/keywords.def"
#undef BKP_KW
};

/* A token name "`word`" is a keyword token; its spelling into buf. */
static const char *keyword_alias(const char *name, char *buf, size_t cap)
{
    size_t n = strlen(name);
    if (n < 3 || name[0] != '`' || name[n - 1] != '`' || n - 2 >= cap)
        return NULL;
    memcpy(buf, name + 1, n - 2);
    buf[n - 2] = '\0';
    return buf;
}

/* Every keyword token of the grammar is a keyword of the table, and is the
 * token the table gives it. */
static void test_grammar_keywords_are_in_the_table(void **state)
{
    (void)state;
    int seen = 0;
    const char *name;
    for (int sym = 0; (name = bkp_grammar_symbol(sym)) != NULL; sym++) {
        char buf[64];
        const char *word = keyword_alias(name, buf, sizeof buf);
        if (!word)
            continue;
        int kw = bkp_keyword_lookup(word, strlen(word));
        if (kw < 0)
            fail_msg("the grammar's token %s is not in keywords.def", name);
        assert_string_equal(bkp_grammar_token_name(kw_token[kw]), name);
        seen++;
    }
    assert_int_equal(seen, BKP_KW_COUNT);
}

/* Every keyword of the table is a grammar token spelt as the table spells it. */
static void test_table_keywords_are_in_the_grammar(void **state)
{
    (void)state;
    for (int k = 0; k < BKP_KW_COUNT; k++) {
        char want[64];
        snprintf(want, sizeof want, "`%s`", bkp_keyword_text((BkpKeyword)k));
        const char *got = bkp_grammar_token_name(kw_token[k]);
        if (strcmp(got, want) != 0)
            fail_msg("keywords.def spells %s, the grammar's token is %s", want, got);
    }
}

/* Whether `word` stands in text as a word of its own: not inside a longer
 * one (letters, digits, `-`, `_` around it). */
static bool has_word(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *at = strstr(text, word); at; at = strstr(at + 1, word)) {
        char before = at == text ? ' ' : at[-1], after = at[n];
        if (!strchr("-_abcdefghijklmnopqrstuvwxyz0123456789", before) &&
            !strchr("-_abcdefghijklmnopqrstuvwxyz0123456789", after ? after : ' '))
            return true;
    }
    return false;
}

/* Every keyword is highlighted by each editor's syntax file (a new keyword
 * is a line of keywords.def, its grammar and these files). */
static void test_editors_know_every_keyword(void **state)
{
    (void)state;
    static const char *const files[] = {"editors/vim/syntax/bkp.vim", "editors/emacs/bkp-mode.el",
                                        "editors/vscode/syntaxes/bkp.tmLanguage.json"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f = fopen(files[i], "rb");
        if (!f)
            fail_msg("cannot read %s (run from the repository root)", files[i]);
        static char text[1 << 16];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = 0;
        for (int k = 0; k < BKP_KW_COUNT; k++)
            if (!has_word(text, bkp_keyword_text((BkpKeyword)k)))
                fail_msg("%s does not name the keyword `%s`", files[i], bkp_keyword_text((BkpKeyword)k));
    }
}

/* The lookup is a binary search: the table must be sorted, and find each
 * keyword exactly (case, prefixes, longer words). */
static void test_keyword_lookup(void **state)
{
    (void)state;
    for (int k = 1; k < BKP_KW_COUNT; k++)
        assert_true(strcmp(bkp_keyword_text((BkpKeyword)(k - 1)), bkp_keyword_text((BkpKeyword)k)) < 0);
    for (int k = 0; k < BKP_KW_COUNT; k++) {
        const char *t = bkp_keyword_text((BkpKeyword)k);
        assert_int_equal(bkp_keyword_lookup(t, strlen(t)), k);
    }
    assert_int_equal(bkp_keyword_lookup("keep", 4), BKP_KW_KEEP);
    assert_int_equal(bkp_keyword_lookup("keeps", 4), BKP_KW_KEEP);   /* n bytes only */
    assert_int_equal(bkp_keyword_lookup("keeps", 5), -1);
    assert_int_equal(bkp_keyword_lookup("kee", 3), -1);
    assert_int_equal(bkp_keyword_lookup("Keep", 4), -1);              /* case-sensitive */
    assert_int_equal(bkp_keyword_lookup("", 0), -1);
    assert_int_equal(bkp_keyword_lookup("zzz", 3), -1);
    assert_int_equal(bkp_keyword_lookup("a", 1), -1);
    assert_string_equal(bkp_keyword_text(BKP_KW_RESOURCE_GROUP), "resource-group");
    assert_string_equal(bkp_keyword_text((BkpKeyword)BKP_KW_COUNT), "?");
    assert_int_equal(bkp_keyword_flags((BkpKeyword)-1), 0);
}

static void test_keyword_flags(void **state)
{
    (void)state;
    assert_true(bkp_keyword_flags(BKP_KW_KEEP) & BKP_KWF_CLAUSE);
    assert_true(bkp_keyword_flags(BKP_KW_POLICY) & BKP_KWF_STMT);
    assert_true(bkp_keyword_flags(BKP_KW_DAILY) & BKP_KWF_KIND);
    assert_true(bkp_keyword_flags(BKP_KW_DAILY) & BKP_KWF_CLAUSE);
    assert_int_equal(bkp_keyword_flags(BKP_KW_MONTHLY), BKP_KWF_KIND);
    assert_int_equal(bkp_keyword_flags(BKP_KW_FROM), 0);
}

/* The table's own string for s[0..n), or NULL. */
static const char *word_text(BkpWordKind kind, const char *s, size_t n)
{
    const BkpWord *w = bkp_word_find(kind, s, n);
    return w ? w->text : NULL;
}

/* Words and the values they spell (-1: none). */
static void test_word_values(void **state)
{
    (void)state;
    static const struct { BkpWordKind kind; const char *text; int value; } cases[] = {
        {BKP_WORD_UNIT, "h", BKP_HOURS}, {BKP_WORD_UNIT, "hours", BKP_HOURS},
        {BKP_WORD_UNIT, "day", BKP_DAYS}, {BKP_WORD_UNIT, "w", BKP_WEEKS},
        {BKP_WORD_UNIT, "m", BKP_MONTHS}, {BKP_WORD_UNIT, "years", BKP_YEARS},
        {BKP_WORD_UNIT, "min", -1}, {BKP_WORD_UNIT, "D", -1},   /* units: exact case */
        {BKP_WORD_UNIT, "M", -1},
        {BKP_WORD_WEEKDAY, "sun", BKP_SUN}, {BKP_WORD_WEEKDAY, "Saturday", BKP_SAT},
        {BKP_WORD_WEEKDAY, "THURS", BKP_THU}, {BKP_WORD_WEEKDAY, "tues", BKP_TUE},
        {BKP_WORD_WEEKDAY, "sundy", -1},
        {BKP_WORD_MONTH, "sept", 8}, {BKP_WORD_MONTH, "Dec", 11}, {BKP_WORD_MONTH, "may", 4},
        {BKP_WORD_WEEK, "last", BKP_WEEK_LAST}, {BKP_WORD_WEEK, "fifth", -1},
        {BKP_WORD_DAY, "LAST", BKP_DAY_LAST}, {BKP_WORD_DAY, "15", -1},   /* numbers are numbers */
        {BKP_WORD_KIND_COUNT, "sun", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (bkp_word_value(cases[i].kind, cases[i].text) != cases[i].value)
            fail_msg("`%s` is not %d", cases[i].text, cases[i].value);
    /* The table's own strings, for the scanner: one per spelling. */
    const char *days = word_text(BKP_WORD_UNIT, "days", 4);
    assert_string_equal(days, "days");
    assert_ptr_equal(word_text(BKP_WORD_UNIT, "daysX", 4), days);
    assert_string_equal(word_text(BKP_WORD_UNIT, "hx", 1), "h");
    assert_null(word_text(BKP_WORD_UNIT, "da", 2));
    assert_null(word_text(BKP_WORD_UNIT, "dayss", 5));
    assert_null(word_text(BKP_WORD_UNIT, "", 0));
}

/* The look-up as it was, a word at a time, for test_word_lookup: the
 * table's entry spelt s[0..n), ignoring ASCII case unless `exact`. */
static const BkpWord *find_slowly(BkpWordKind kind, const char *s, size_t n, bool exact)
{
    size_t count;
    const BkpWord *w = bkp_words(kind, &count);
    for (size_t i = 0; i < count; i++) {
        size_t j = 0;
        for (; j < n && w[i].text[j]; j++) {
            char a = s[j], b = w[i].text[j];
            if (!exact && a >= 'A' && a <= 'Z')
                a = (char)(a | 0x20);
            if (a != b)
                break;
        }
        if (j == n && w[i].text[n] == '\0')
            return &w[i];
    }
    return NULL;
}

/* bkp_word_find() (keys, folding by a bit) and the index find what a
 * word-at-a-time look-up finds: every word of every kind in several cases, and many
 * near misses: prefixes, longer words, one byte changed to its neighbours,
 * its other case, a NUL, bytes that are not ASCII. */
static void test_word_lookup(void **state)
{
    (void)state;
    static const unsigned char changes[] = {0, 1, 0x1F, '@', '[', '`', '{', 0x7F, 0x80, 0xC1, 0xE1, 0xFF};
    BkpWordIndex ix;                /* bkp_word_index_value() answers the same */
    bkp_word_index_init(&ix);
    int probes = 0;
    for (int k = 0; k < BKP_WORD_KIND_COUNT; k++) {
        bool exact = k == BKP_WORD_UNIT;
        size_t count;
        const BkpWord *w = bkp_words((BkpWordKind)k, &count);
        for (size_t i = 0; i < count; i++) {
            const char *t = w[i].text;
            size_t n = strlen(t);
            /* the folding by a bit needs words of ASCII letters in lower case */
            for (size_t j = 0; j < n; j++)
                if (!exact && !(t[j] >= 'a' && t[j] <= 'z'))
                    fail_msg("`%s` is not lower-case ASCII letters", t);
            char buf[32];
            assert_true(n + 2 < sizeof buf);
            for (size_t variant = 0; variant < 4 * (n + 2) + 5; variant++) {
                memcpy(buf, t, n + 1);
                size_t len = n;
                size_t at = variant / 4 % (n + 1);
                switch (variant % 4) {
                case 0:             /* its case: none, all upper, first upper, every other */
                    for (size_t j = 0; j < n; j++)
                        if (variant / 4 == 1 || (variant / 4 == 2 && j == 0) || (variant / 4 == 3 && j % 2))
                            buf[j] = (char)(buf[j] & ~0x20);
                    break;
                case 1:             /* a prefix, or one byte more */
                    if (at < n)
                        len = at;
                    else
                        buf[len++] = 's';
                    break;
                case 2:             /* one byte changed: its other case, its neighbours */
                    if (at < n) {
                        buf[at] = (char)(buf[at] ^ 0x20);
                        if (variant / 4 % 3 == 1)
                            buf[at] = (char)(t[at] + 1);
                        if (variant / 4 % 3 == 2)
                            buf[at] = (char)(t[at] - 1);
                    }
                    break;
                default:            /* one byte replaced by another that is no letter */
                    if (at < n)
                        buf[at] = (char)changes[variant % (sizeof changes)];
                    break;
                }
                const BkpWord *want = find_slowly((BkpWordKind)k, buf, len, exact);
                const BkpWord *got = bkp_word_find((BkpWordKind)k, buf, len);
                if (got != want)
                    fail_msg("kind %d, `%.*s` (%zu bytes): %s, not %s", k, (int)len, buf, len,
                             got ? got->text : "none", want ? want->text : "none");
                if (!memchr(buf, 0, len)) {
                    buf[len] = '\0';
                    assert_int_equal(bkp_word_value((BkpWordKind)k, buf), want ? want->value : -1);
                    assert_int_equal(bkp_word_index_value(&ix, (BkpWordKind)k, buf), want ? want->value : -1);
                }
                probes++;
            }
            /* the word itself, in upper case: found, unless the kind is exact */
            for (size_t j = 0; j < n; j++)
                buf[j] = (char)(t[j] & ~0x20);
            buf[n] = '\0';
            assert_ptr_equal(bkp_word_find((BkpWordKind)k, buf, n), exact && strcmp(buf, t) ? NULL : &w[i]);
        }
    }
    /* long words, and words no kind holds */
    static const char *const others[] = {"", "x", "sundays", "septembers", "wednesdayy", "Lasts",
                                         "monthly", "hourss", "\xc3\xa9t\xc3\xa9", "s\xc3\xbbn",
                                         "ssssssssssssssssssssssssssssssssssssssssssss"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        for (int k = 0; k <= BKP_WORD_KIND_COUNT; k++) {
            assert_null(bkp_word_find((BkpWordKind)k, others[i], strlen(others[i])));
            assert_int_equal(bkp_word_value((BkpWordKind)k, others[i]), -1);
            assert_int_equal(bkp_word_index_value(&ix, (BkpWordKind)k, others[i]), -1);
        }
    /* the table's own strings, found by their address, as any copy of them */
    for (int k = 0; k < BKP_WORD_KIND_COUNT; k++) {
        size_t count;
        const BkpWord *w = bkp_words((BkpWordKind)k, &count);
        for (size_t i = 0; i < count; i++) {
            char copy[32];
            snprintf(copy, sizeof copy, "%s", w[i].text);
            for (int other = 0; other < BKP_WORD_KIND_COUNT; other++)
                assert_int_equal(bkp_word_index_value(&ix, (BkpWordKind)other, w[i].text),
                                 bkp_word_index_value(&ix, (BkpWordKind)other, copy));
        }
    }
    /* every word is in the index, as its kind's, and no other kind's */
    for (int k = 0; k < BKP_WORD_KIND_COUNT; k++) {
        size_t count;
        const BkpWord *w = bkp_words((BkpWordKind)k, &count);
        for (size_t i = 0; i < count; i++)
            for (int other = 0; other < BKP_WORD_KIND_COUNT; other++)
                assert_int_equal(bkp_word_index_value(&ix, (BkpWordKind)other, w[i].text),
                                 bkp_word_value((BkpWordKind)other, w[i].text));
    }
    assert_true(probes > 1000);
}

static void test_suggestions(void **state)
{
    (void)state;
    assert_string_equal(bkp_word_suggest(BKP_WORD_WEEKDAY, "sundy"), "sunday");
    assert_string_equal(bkp_word_suggest(BKP_WORD_MONTH, "januray"), "january");
    assert_string_equal(bkp_word_suggest(BKP_WORD_WEEK, "frist"), "first");
    assert_string_equal(bkp_word_suggest(BKP_WORD_UNIT, "dasy"), "days");
    assert_null(bkp_word_suggest(BKP_WORD_WEEKDAY, "xyzzy"));
}

/* Every spelling of a kind has a value whose names exist, and every value
 * is spelt at least once, by its formatter's name among others. */
static void test_every_spelling(void **state)
{
    (void)state;
    for (int k = 0; k < BKP_WORD_KIND_COUNT; k++) {
        size_t n;
        const BkpWord *w = bkp_words((BkpWordKind)k, &n);
        assert_true(n > 0);
        int count = bkp_word_count((BkpWordKind)k);
        uint64_t spelt = 0;
        for (size_t i = 0; i < n; i++) {
            assert_true(w[i].value >= 0 && w[i].value < count);
            assert_ptr_equal(bkp_word_find((BkpWordKind)k, w[i].text, strlen(w[i].text)), &w[i]);
            spelt |= 1ull << w[i].value;
        }
        for (int v = 0; v < count; v++) {
            const char *bkp = bkp_word_name((BkpWordKind)k, v, BKP_SPELL_BKP);
            if (k == BKP_WORD_DAY && v < BKP_DAY_LAST)
                continue;                  /* numbers: no words */
            assert_true(spelt >> v & 1);
            assert_int_equal(bkp_word_value((BkpWordKind)k, bkp), v);
        }
    }
    size_t n;
    assert_null(bkp_words(BKP_WORD_KIND_COUNT, &n));
    assert_int_equal(n, 0);
}

static void test_spellings(void **state)
{
    (void)state;
    assert_string_equal(bkp_word_name(BKP_WORD_WEEKDAY, BKP_SUN, BKP_SPELL_BKP), "sun");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEKDAY, BKP_SUN, BKP_SPELL_AZURE), "Sunday");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEKDAY, BKP_SAT, BKP_SPELL_PROSE), "Saturday");
    assert_string_equal(bkp_word_name(BKP_WORD_MONTH, 8, BKP_SPELL_BKP), "sep");
    assert_string_equal(bkp_word_name(BKP_WORD_MONTH, 8, BKP_SPELL_AZURE), "September");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEK, BKP_WEEK_LAST, BKP_SPELL_AZURE), "Last");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEK, BKP_WEEK_FIRST, BKP_SPELL_PROSE), "first");
    assert_string_equal(bkp_word_name(BKP_WORD_DAY, 15, BKP_SPELL_AZURE), "15");
    assert_string_equal(bkp_word_name(BKP_WORD_DAY, BKP_DAY_LAST, BKP_SPELL_AZURE), "Last");
    assert_string_equal(bkp_word_name(BKP_WORD_UNIT, BKP_DAYS, BKP_SPELL_BKP), "d");
    assert_string_equal(bkp_word_name(BKP_WORD_UNIT, BKP_DAYS, BKP_SPELL_AZURE), "Days");
    assert_string_equal(bkp_word_name(BKP_WORD_UNIT, BKP_YEARS, BKP_SPELL_PROSE), "years");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEKDAY, 7, BKP_SPELL_BKP), "?");
    assert_string_equal(bkp_word_name(BKP_WORD_WEEKDAY, -1, BKP_SPELL_BKP), "?");
    assert_string_equal(bkp_word_name(BKP_WORD_KIND_COUNT, 0, BKP_SPELL_BKP), "?");
    assert_int_equal(bkp_word_count(BKP_WORD_WEEKDAY), 7);
    assert_int_equal(bkp_word_count(BKP_WORD_MONTH), 12);
    assert_int_equal(bkp_word_count(BKP_WORD_WEEK), 5);
    assert_int_equal(bkp_word_count(BKP_WORD_DAY), 30);
    assert_int_equal(bkp_word_count(BKP_WORD_UNIT), 5);
    assert_int_equal(bkp_word_count(BKP_WORD_KIND_COUNT), 0);
}

static void test_words_join(void **state)
{
    (void)state;
    char buf[128];
    uint32_t sun_wed = 1u << BKP_SUN | 1u << BKP_WED;
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_WEEKDAY, sun_wed, BKP_SPELL_BKP,
                                       ", ", NULL), "sun, wed");
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_WEEKDAY, sun_wed | 1u << BKP_FRI,
                                       BKP_SPELL_PROSE, ", ", " and "),
                        "Sunday, Wednesday and Friday");
    /* value order, whatever the order of writing */
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_DAY,
                                       1u << BKP_DAY_LAST | 1u << 15 | 1u << 1, BKP_SPELL_BKP, ", ",
                                       " and "), "1, 15 and last");
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_MONTH, 1u << 0 | 1u << 6,
                                       BKP_SPELL_AZURE, ",", NULL), "January,July");
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_WEEK, 1u << BKP_WEEK_LAST,
                                       BKP_SPELL_AZURE, ", ", " and "), "Last");
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_WEEKDAY, 0, BKP_SPELL_BKP, ", ",
                                       NULL), "");
    /* bits past the kind's values are ignored */
    assert_string_equal(bkp_words_join(buf, sizeof buf, BKP_WORD_WEEKDAY, 1u << 20 | 1u << BKP_MON,
                                       BKP_SPELL_BKP, ", ", NULL), "mon");
    /* a short buffer: truncated, always terminated */
    char small[8];
    memset(small, 'x', sizeof small);
    bkp_words_join(small, sizeof small, BKP_WORD_WEEKDAY, 0x7F, BKP_SPELL_PROSE, ", ", NULL);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "Sunday,", 7);
    /* no room at all: untouched */
    char none = 'x';
    assert_ptr_equal(bkp_words_join(&none, 0, BKP_WORD_WEEKDAY, 1, BKP_SPELL_BKP, ", ", NULL), &none);
    assert_int_equal(none, 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grammar_keywords_are_in_the_table),
        cmocka_unit_test(test_table_keywords_are_in_the_grammar),
        cmocka_unit_test(test_editors_know_every_keyword),
        cmocka_unit_test(test_keyword_lookup),
        cmocka_unit_test(test_keyword_flags),
        cmocka_unit_test(test_word_values),
        cmocka_unit_test(test_word_lookup),
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_every_spelling),
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_words_join),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
