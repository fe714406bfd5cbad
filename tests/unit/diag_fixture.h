/* diag_fixture.h — a unit test's diagnostic records and source, through
 * cmocka's setup and teardown (test_diag.c, test_diagout.c). */
#ifndef BKPC_TEST_DIAG_FIXTURE_H
#define BKPC_TEST_DIAG_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "bkpc/diag.h"

typedef struct Rec {
    BkpArena arena;
    BkpDiags diags;
    BkpSource *src;
} Rec;

static inline int rec_setup(void **state)
{
    Rec *r = calloc(1, sizeof *r);
    if (!r)
        return -1;
    bkp_arena_init(&r->arena);
    bkp_diags_init(&r->diags, &r->arena);
    *state = r;
    return 0;
}

static inline int rec_teardown(void **state)
{
    Rec *r = *state;
    bkp_source_free(r->src);
    bkp_arena_free(&r->arena);
    free(r);
    return 0;
}

/* The test's records, over a source `name` holding `text`. */
static inline Rec *rec_source(void **state, const char *name, const char *text)
{
    Rec *r = *state;
    r->src = bkp_source_from_string(name, text, strlen(text));
    assert_non_null(r->src);
    return r;
}

#define WITH_REC(test) cmocka_unit_test_setup_teardown(test, rec_setup, rec_teardown)

#endif
