/* Unit tests of the checker's case-insensitive names (src/check/names.c):
 * name_equal_fold() compares as it always did (Unicode simple case folding,
 * a byte that is not UTF-8 as itself), checked against that definition
 * written out here; name_hash_fold() (8 ASCII bytes at a time) gives equal
 * names equal hashes, whatever their case and wherever a character that is
 * not ASCII falls; and the index finds a name in any case. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <unicode/uchar.h>

#include "bkpc/arena.h"
#include "bkpc/utf8.h"
#include "check/check_int.h"

/* The definition: the characters of a and b, each folded, are equal. */
static uint32_t folded(const char *s, size_t *len)
{
    uint32_t c;
    *len = bkp_utf8_decode(s, strnlen(s, 4), &c);
    if (*len == 0) {
        *len = 1;
        return (unsigned char)s[0] | 0x80000000u;
    }
    return (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

static bool equal_by_definition(const char *a, const char *b)
{
    size_t la, lb;
    for (; *a && *b; a += la, b += lb)
        if (folded(a, &la) != folded(b, &lb))
            return false;
    return !*a && !*b;
}

/* Pieces names are made of: ASCII of both cases and its edges, characters
 * that fold (to ASCII: the Kelvin sign is `k`), and bytes that are not UTF-8. */
static const char *const pieces[] = {
    "a", "A", "k", "K", "z", "Z", "@", "[", "`", "{", "-", "_", "0", "9", "!",
    "\xc3\xa9", "\xc3\x89",                 /* é É */
    "\xc3\x9f", "\xe1\xba\x9e",             /* ß ẞ (folds to ß) */
    "\xe2\x84\xaa",                         /* Kelvin sign: folds to k */
    "\xcf\x83", "\xce\xa3", "\xcf\x82",     /* σ Σ ς (ς folds to σ) */
    "\xf0\x90\x90\x80", "\xf0\x90\x90\xa8", /* Deseret 𐐀 𐐨 */
    "\xff", "\xc3",                         /* not UTF-8 */
};
enum { NPIECES = sizeof pieces / sizeof pieces[0] };

/* A random name of up to 24 pieces into buf; its pieces' indices into idx. */
static int random_name(char *buf, int *idx, unsigned *seed)
{
    int n = (int)(rand_r(seed) % 25);
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        idx[i] = (int)(rand_r(seed) % NPIECES);
        strcat(buf, pieces[idx[i]]);
    }
    return n;
}

/* The same pieces, each in a case of its own: a piece is swapped for
 * another that folds as it does, often. */
static void recase(char *buf, const int *idx, int n, unsigned *seed)
{
    static const int same[][2] = {{0, 1}, {2, 3}, {2, 19}, {3, 19}, {4, 5}, {15, 16}, {17, 18},
                                  {20, 21}, {23, 24}};
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        int p = idx[i];
        for (size_t k = 0; k < sizeof same / sizeof same[0]; k++)
            if ((same[k][0] == p || same[k][1] == p) && rand_r(seed) % 2)
                p = same[k][rand_r(seed) % 2];
        strcat(buf, pieces[p]);
    }
}

static void test_fold_equal_and_hash(void **state)
{
    (void)state;
    unsigned seed = 12;
    int equal = 0;
    for (int round = 0; round < 20000; round++) {
        char a[128], b[128];
        int ia[32], ib[32];
        int na = random_name(a, ia, &seed);
        if (round % 2)
            recase(b, ia, na, &seed);
        else
            random_name(b, ib, &seed);
        bool want = equal_by_definition(a, b);
        if (name_equal_fold(a, b) != want)
            fail_msg("`%s` and `%s`: equal is %d", a, b, want);
        if (want && name_hash_fold(a) != name_hash_fold(b))
            fail_msg("`%s` and `%s` are equal, their hashes are not", a, b);
        equal += want;
    }
    assert_true(equal > 5000);
}

static void test_fold_cases(void **state)
{
    (void)state;
    static const struct { const char *a, *b; bool equal; } cases[] = {
        {"prod-vm-01", "PROD-VM-01", true},
        {"a-rather-long-resource-group-name", "A-Rather-Long-Resource-Group-NAME", true},
        {"abcdefgk-ABCDEFGH", "ABCDEFG\xe2\x84\xaa-abcdefgh", true},     /* Kelvin sign in a chunk */
        {"\xc3\xa9t\xc3\xa9-12345678", "\xc3\x89T\xc3\x89-12345678", true},
        {"vm@1", "vm`1", false}, {"vm[1", "vm{1", false},                /* not letters */
        {"name", "names", false}, {"", "", true}, {"x", "", false},
        {"stra\xc3\x9f" "e", "STRASSE", false},                          /* simple folding */
        {"\xff" "abc", "\xff" "ABC", true}, {"\xff", "\xfe", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (name_equal_fold(cases[i].a, cases[i].b) != cases[i].equal)
            fail_msg("`%s` and `%s`", cases[i].a, cases[i].b);
        if (cases[i].equal)
            assert_true(name_hash_fold(cases[i].a) == name_hash_fold(cases[i].b));
    }
}

static void test_index(void **state)
{
    (void)state;
    BkpArena arena, *A = &arena;
    bkp_arena_init(A);
    NameIndex ix;
    enum { N = 3000 };
    name_index_init(&ix, A, N);
    static char names[N][24];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "Prod-VM-%05d-\xc3\x89", i);
        const void **v = name_index(&ix, names[i], true);
        assert_non_null(v);
        assert_null(*v);
        *v = names[i];
    }
    for (int i = 0; i < N; i++) {
        char key[24];
        snprintf(key, sizeof key, "pROD-vm-%05d-\xc3\xa9", i);
        const void **v = name_index(&ix, key, false);
        assert_non_null(v);
        assert_ptr_equal(*v, names[i]);
    }
    assert_null(name_index(&ix, "prod-vm-99999-\xc3\xa9", false));
    bkp_arena_free(A);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_equal_and_hash),
        cmocka_unit_test(test_fold_cases),
        cmocka_unit_test(test_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
