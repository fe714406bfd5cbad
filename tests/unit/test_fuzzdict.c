/* The fuzzers' dictionary for .bkp inputs (tests/fuzz/bkp.dict) holds every
 * word of the language: each keyword of keywords.def and each spelling of
 * the lexicon's weekdays, months, weeks of the month and units, so a new
 * word is fuzzed from the first run. And every committed corpus file fits
 * the longest input its harness is run with (tests/fuzz/run.sh). Run from
 * the repository root, as make check does. */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "bkpc/lexicon.h"

/* The whole file, NUL-terminated (to free). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read %s", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (int c; (c = getc(f)) != EOF;) {
        if (n + 2 > cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        buf[n++] = (char)c;
    }
    fclose(f);
    assert_non_null(buf);
    buf[n] = '\0';
    return buf;
}

/* Whether the dictionary has the entry "word" on a line of its own. */
static bool has_entry(const char *dict, const char *word)
{
    char line[128];
    snprintf(line, sizeof line, "\n\"%s\"\n", word);
    return strstr(dict, line) != NULL;
}

static void test_every_word(void **state)
{
    (void)state;
    char *dict = slurp("tests/fuzz/bkp.dict");
    for (int k = 0; k < BKP_KW_COUNT; k++)
        if (!has_entry(dict, bkp_keyword_text((BkpKeyword)k)))
            fail_msg("tests/fuzz/bkp.dict has no keyword \"%s\"", bkp_keyword_text((BkpKeyword)k));
    int words = 0;
    for (int kind = 0; kind < BKP_WORD_KIND_COUNT; kind++) {
        size_t n;
        const BkpWord *w = bkp_words((BkpWordKind)kind, &n);
        for (size_t i = 0; i < n; i++, words++)
            if (!has_entry(dict, w[i].text))
                fail_msg("tests/fuzz/bkp.dict has no word \"%s\"", w[i].text);
    }
    assert_true(words > 50);
    free(dict);
}

/* The largest input run.sh gives harness `name` (its -max_len). */
static long max_len(const char *run_sh, const char *name)
{
    char pat[320];
    snprintf(pat, sizeof pat, "\n    %s) echo \"-max_len=", name);
    const char *at = strstr(run_sh, pat);
    if (!at) {
        at = strstr(run_sh, "\n    *) echo \"-max_len=");
        assert_non_null(at);
        return strtol(strstr(at, "=") + 1, NULL, 10);
    }
    return strtol(at + strlen(pat), NULL, 10);
}

static void test_corpus_fits(void **state)
{
    (void)state;
    char *run_sh = slurp("tests/fuzz/run.sh");
    DIR *top = opendir("tests/fuzz/corpus");
    assert_non_null(top);
    int files = 0;
    for (struct dirent *d; (d = readdir(top));) {
        if (d->d_name[0] == '.')
            continue;
        long max = max_len(run_sh, d->d_name);
        assert_true(max >= 1024);
        char dir[320];
        snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", d->d_name);
        DIR *sub = opendir(dir);
        assert_non_null(sub);
        for (struct dirent *e; (e = readdir(sub));) {
            char path[640];
            struct stat st;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
                continue;
            if (st.st_size > max)
                fail_msg("%s: %lld bytes, more than the %ld its harness reads", path, (long long)st.st_size, max);
            files++;
        }
        closedir(sub);
    }
    closedir(top);
    assert_true(files > 0);
    free(run_sh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_word),
        cmocka_unit_test(test_corpus_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
