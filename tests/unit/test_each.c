/* A policy at a time (bkp_compile_each) against the whole file at once
 * (bkp_compile): the same diagnostics, the same policies in the same order,
 * the same verdict, and memory that does not grow with the policies; and the
 * arena's mark and release under it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"
#include "bkpc/diag_text.h"
#include "bkpc/emit.h"
#include "bkpc/policy.h"

/* ---- the arena ------------------------------------------------------------------ */

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

static void test_arena_release(void **state)
{
    (void)state;
    BkpArena a;
    bkp_arena_init(&a);
    char *before = bkp_arena_strdup(&a, "kept");
    BkpArenaMark m = bkp_arena_mark(&a);
    unsigned char *first = bkp_arena_alloc(&a, 100);
    memset(first, 0xAB, 100);
    /* past the first block, and a request large enough for a block of its own */
    for (int i = 0; i < 2000; i++)
        memset(bkp_arena_alloc(&a, 1000), 0xCD, 1000);
    memset(bkp_arena_alloc(&a, 5u << 20), 0xEF, 5u << 20);
    size_t grown = bkp_arena_held(&a);
    bkp_arena_release(&a, m);
    assert_string_equal(before, "kept");
    assert_true(bkp_arena_held(&a) < grown);
    /* the same loop again takes no more than it did */
    for (int round = 0; round < 3; round++) {
        unsigned char *p = bkp_arena_alloc(&a, 100);
        assert_true(all_zero(p, 100));           /* zero, as fresh memory is */
        for (int i = 0; i < 2000; i++) {
            unsigned char *q = bkp_arena_alloc(&a, 1000);
            assert_true(all_zero(q, 1000));
            memset(q, 0x11, 1000);
        }
        memset(p, 0x22, 100);
        assert_true(bkp_arena_held(&a) <= grown);
        bkp_arena_release(&a, m);
    }
    assert_string_equal(before, "kept");
    bkp_arena_free(&a);
}

/* A mark on an empty arena gives everything back. */
static void test_arena_release_all(void **state)
{
    (void)state;
    BkpArena a;
    bkp_arena_init(&a);
    BkpArenaMark m = bkp_arena_mark(&a);
    for (int i = 0; i < 100; i++)
        bkp_arena_alloc(&a, 70000);
    bkp_arena_release(&a, m);
    assert_true(bkp_arena_held(&a) <= ((size_t)2 << 20) + 4096);   /* one block kept for the next round */
    assert_true(all_zero(bkp_arena_alloc(&a, 64), 64));
    bkp_arena_free(&a);
}

/* ---- a policy at a time ---------------------------------------------------------- */

typedef struct Out {
    char *buf;
    size_t len;
    FILE *f;
    long calls;
} Out;

static void out_open(Out *o)
{
    memset(o, 0, sizeof *o);
    o->f = open_memstream(&o->buf, &o->len);
    assert_non_null(o->f);
}

static void body(void *user, const BkpPolicy *p)
{
    Out *o = user;
    o->calls++;
    assert_int_equal(bkp_emit_json(p, o->f), 0);
}

static char *diags_text(BkpCtx *ctx)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    bkp_diags_print(&ctx->diags, f);
    fclose(f);
    return buf;
}

/* A program's scripts, both of them, into one string. */
static char *scripts(const BkpProgram *prog)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(bkp_emit_ps1(prog, NULL, f), 0);
    assert_int_equal(bkp_emit_azcli(prog, NULL, f), 0);
    fclose(f);
    return buf;
}

/* bkp_compile_lean against bkp_compile: the same diagnostics, the same
 * program (its policies, their origins, its vaults and protects: the
 * scripts say them all). */
static void lean(const char *text)
{
    BkpCtx whole, kept;
    bkp_ctx_init(&whole);
    bkp_ctx_init(&kept);
    BkpSource *s1 = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpSource *s2 = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpProgram *a = bkp_compile(&whole, s1), *b = bkp_compile_lean(&kept, s2);
    char *d1 = diags_text(&whole), *d2 = diags_text(&kept);
    assert_string_equal(d1, d2);
    assert_int_equal(a != NULL, b != NULL);
    if (a) {
        assert_int_equal(a->npolicies, b->npolicies);
        const BkpPolicy *p = a->policies, *q = b->policies;
        for (; p && q; p = p->next, q = q->next) {
            assert_true(bkp_policy_equal(p, q));
            assert_string_equal(p->name, q->name);
            assert_memory_equal(&p->origin->at, &q->origin->at, sizeof p->origin->at);
            assert_int_equal(p->origin->defaults, q->origin->defaults);
            assert_string_equal(p->origin->timezone_written, q->origin->timezone_written);
        }
        assert_null(p);
        assert_null(q);
        char *x = scripts(a), *y = scripts(b);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    free(d1);
    free(d2);
    bkp_ctx_free(&whole);
    bkp_ctx_free(&kept);
    bkp_source_free(s1);
    bkp_source_free(s2);
}

/* text compiled both ways (and lean): the same diagnostics, bodies and
 * verdict; the number of policies handed out (-1: errors) */
static long both(const char *text)
{
    lean(text);
    BkpCtx whole, each;
    bkp_ctx_init(&whole);
    bkp_ctx_init(&each);
    BkpSource *s1 = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpSource *s2 = bkp_source_from_string("t.bkp", text, strlen(text));
    BkpProgram *prog = bkp_compile(&whole, s1);
    Out a, b;
    out_open(&a);
    out_open(&b);
    for (const BkpPolicy *p = prog ? prog->policies : NULL; p; p = p->next)
        body(&a, p);
    long n = bkp_compile_each(&each, s2, body, &b);
    fclose(a.f);
    fclose(b.f);
    char *d1 = diags_text(&whole), *d2 = diags_text(&each);
    assert_string_equal(d1, d2);
    assert_int_equal(prog != NULL, n >= 0);
    if (prog) {
        assert_int_equal(n, prog->npolicies);
        assert_int_equal(b.calls, n);
        assert_string_equal(a.buf, b.buf);
    }
    /* the source is as it was read: the scanner put back what it wrote */
    assert_memory_equal(s2->text, text, strlen(text) + 1);
    free(d1);
    free(d2);
    free(a.buf);
    free(b.buf);
    bkp_ctx_free(&whole);
    bkp_ctx_free(&each);
    bkp_source_free(s1);
    bkp_source_free(s2);
    return n;
}

static void test_each_clean(void **state)
{
    (void)state;
    assert_int_equal(both("policy app-a { daily at 02:00 keep daily 30d }\n"
                          "# a comment between\n"
                          "policy app-b { weekly on sun at 03:00 keep weekly 12w # inside\n"
                          "}\n"
                          "policy app-c { enhanced every 4h from 08:00 for 24h keep daily 30d timezone \"Europe/Paris\" }\n"),
                     3);
}

/* A vault before the policies: its statement ends only when `policy` is
 * read; protects after and before the policies they name. */
static void test_each_vaults_protects(void **state)
{
    (void)state;
    assert_int_equal(both("vault rsv resource-group rg\n"
                          "protect vm vm0 resource-group rg with app-b\n"
                          "policy app-a { daily at 02:00 }\n"
                          "policy app-b { daily at 03:00 }\n"
                          "protect vm vm1 resource-group rg with app-a\n"
                          "protect vm vm2 resource-group rg with APP-B\n"),
                     2);
    assert_int_equal(both("policy app-a { daily at 02:00 }\n"
                          "vault one resource-group rg with app-a\n"
                          "vault two resource-group rg with app-a\n"
                          "protect vm vm1 resource-group rg with app-a\n"
                          "protect vm vm1 resource-group rg with nope\n"),
                     -1);
}

/* What a kept policy holds besides values: its strings and where it was
 * written; the scripts protect VMs with the copies. */
static void test_lean_scripts(void **state)
{
    (void)state;
    assert_int_equal(both("policy web-vms { timezone \"Europe/Paris\" daily at 02:00\n"
                          "  snapshot resource-group \"rg-snap-\" suffix \"-x\" keep daily 30d }\n"
                          "policy db-vms { enhanced every 4h from 08:00 for 24h keep daily 30d archive after 3m\n"
                          "  keep monthly 60m on first sun timezone \"India Standard Time\" }\n"
                          "vault rsv-prod resource-group rg-backup\n"
                          "protect vm web-01 resource-group rg-web with web-vms\n"
                          "protect vm db-01 resource-group rg-db with DB-VMS exclude disks 1, 2\n"),
                     2);
    assert_int_equal(both("vault one resource-group rg-a with app-a\n"
                          "vault two resource-group rg-b subscription \"00000000-0000-0000-0000-000000000001\" with app-b\n"
                          "policy app-a { daily at 02:00 }\npolicy app-b { weekly on mon at 03:00 }\n"
                          "protect vm vm-1 resource-group rg with app-a\nprotect vm vm-2 resource-group rg with app-b\n"),
                     2);
}

/* Errors after policies taken early, in them, and names defined twice. */
static void test_each_errors(void **state)
{
    (void)state;
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy app-b { daily at 25:00 }\npolicy app-c { daily at 02:00 }\n"),
                     -1);
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy APP-A { daily at 03:00 }\n"), -1);
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy app-b { daily at 02:00 keep }\n"), -1);
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy app-b { daily at 02:00 }\nkeep daily 30d\n"), -1);
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy app-b { daily at 02:00 } }\n"), -1);
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy xy { daily at 02:00 }\n"), -1);   /* A6 */
    assert_int_equal(both("policy app-a { daily at 02:00 }\npolicy app-b { daily at 02:00 \x01 }\n"), -1);
}

/* What cannot be taken early: templates, requirements; the order holds. */
static void test_each_templates(void **state)
{
    (void)state;
    assert_int_equal(both("policy app-a { daily at 02:00 }\n"
                          "template tpl { daily at 04:00 keep daily 60d }\n"
                          "policy app-b from tpl { }\n"
                          "policy app-c { daily at 05:00 }\n"
                          "policy app-d { daily at 06:00 keep daily 30d require daily points for 30d }\n"),
                     4);
    assert_int_equal(both("policy app-a { daily at 02:00 keep daily 30d require daily points for 90d }\n"), -1);
    assert_int_equal(both("policy app-b from nothing { }\npolicy app-a { daily at 02:00 }\n"), -1);
}

static char *many(int n)
{
    size_t cap = (size_t)n * 100 + 1;
    char *s = malloc(cap);
    size_t k = 0;
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(s + k, cap - k,
                              "policy p-%06d { daily at 02:00 keep daily 30d keep weekly 12w on sun }\n", i);
    return s;
}

/* The arena of a compilation a policy at a time holds, per policy, its
 * name, not the policy; at once, the policies. */
static size_t held(const char *text, bool each)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("many.bkp", text, strlen(text));
    if (each)
        assert_true(bkp_compile_each(&ctx, src, NULL, NULL) > 0);
    else
        assert_non_null(bkp_compile(&ctx, src));
    size_t n = bkp_arena_held(&ctx.arena);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return n;
}

static void test_each_memory(void **state)
{
    (void)state;
    char *small = many(2000), *large = many(20000);
    size_t each = held(large, true) - held(small, true);
    size_t whole = held(large, false) - held(small, false);
    print_message("18,000 more policies: %zu more bytes a policy at a time, %zu at once\n", each, whole);
    /* under 128 bytes a policy (its name; the arena's blocks double: it
     * holds up to twice what it hands out), a small fraction of what the
     * policies take */
    assert_true(each < (size_t)18000 * 128);
    assert_true(whole > 10 * each);
    assert_int_equal(both(large), 20000);
    free(small);
    free(large);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_release),
        cmocka_unit_test(test_arena_release_all),
        cmocka_unit_test(test_each_clean),
        cmocka_unit_test(test_each_vaults_protects),
        cmocka_unit_test(test_lean_scripts),
        cmocka_unit_test(test_each_errors),
        cmocka_unit_test(test_each_templates),
        cmocka_unit_test(test_each_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
