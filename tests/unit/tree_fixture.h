/* tree_fixture.h — what the tests over every .bkp of the tree share
 * (test_model.c's round trip, test_fmt.c's formatter): a file's bytes, and
 * the REST body of a policy as bkpc prints it. */
#ifndef BKPC_TEST_TREE_FIXTURE_H
#define BKPC_TEST_TREE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/emit.h"
#include "bkpc/source.h"

/* The bytes of `path` (NUL-terminated, *len of them); the test fails when
 * it cannot be read. */
static inline char *slurp(const char *path, size_t *len)
{
    BkpSource *src = bkp_source_read(path);
    if (!src)
        fail_msg("cannot read %s", path);
    char *text = malloc(src->len + 1);
    assert_non_null(text);
    memcpy(text, src->text, src->len + 1);
    *len = src->len;
    bkp_source_free(src);
    return text;
}

/* bkp_emit_json() of p, as a string (open_memstream: the test defines
 * _GNU_SOURCE or _POSIX_C_SOURCE 200809L). */
static inline char *rest_body(const BkpPolicy *p)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(bkp_emit_json(p, f), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

#endif
