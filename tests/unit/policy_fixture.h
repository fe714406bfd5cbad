/* policy_fixture.h — a unit test's policy, compiled from text, with its
 * context and time zones (test_interp.c, test_cost.c). Include it after
 * cmocka.h. */
#ifndef BKPC_TEST_POLICY_FIXTURE_H
#define BKPC_TEST_POLICY_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"

typedef struct Run {
    BkpCtx ctx;
    BkpSource *src;
    BkpProgram *prog;
    const BkpPolicy *p;     /* the first policy of the text */
    BkpTz *tz;
} Run;

/* Compiles `text`; the test fails, with the diagnostics, if it does not. */
static inline void load(Run *r, const char *text)
{
    bkp_ctx_init(&r->ctx);
    r->src = bkp_source_from_string("test-policy.bkp", text, strlen(text));
    r->prog = bkp_compile(&r->ctx, r->src);
    if (!r->prog) {
        bkp_diags_print(&r->ctx.diags, stderr);
        fail_msg("policy does not compile: %s", text);
    }
    r->p = r->prog->policies;
    r->tz = bkp_ctx_tz(&r->ctx);
}

static inline void done(Run *r)
{
    bkp_ctx_free(&r->ctx);
    bkp_source_free(r->src);
}

#endif
