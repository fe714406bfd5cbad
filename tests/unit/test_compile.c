/* The library's front door on whole sources: parse + check + REST body. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "bkpc/compile.h"
#include "bkpc/emit.h"
#include "bkpc/sched.h"

typedef struct Run {
    BkpCtx ctx;
    BkpSource *src;
    BkpProgram *prog;
} Run;

static void run(Run *r, const char *name, const char *text)
{
    bkp_ctx_init(&r->ctx);
    r->src = bkp_source_from_string(name, text, strlen(text));
    r->prog = bkp_compile(&r->ctx, r->src);
}

static void done(Run *r)
{
    bkp_ctx_free(&r->ctx);
    bkp_source_free(r->src);
}

static void test_design_card_one_error(void **state)
{
    (void)state;
    Run r;
    run(&r, "card.bkp", "every 4h from 08:00 for 23h keep snapshots 10d");
    assert_null(r.prog);
    assert_int_equal(r.ctx.diags.errors, 1);
    assert_int_equal(r.ctx.diags.warnings, 0);
    BkpDiag *g = r.ctx.diags.head;
    assert_string_equal(g->rule, "B7");
    assert_int_equal(g->primary.span.off, 24);     /* `23h` */
    assert_int_equal(g->nhints, 1);
    assert_string_equal(g->hints[0], "`for 24h` gives the same six backups a day");
    done(&r);
}

static void test_defaults(void **state)
{
    (void)state;
    Run r;
    run(&r, "web-vms.bkp", "daily at 22:30");
    assert_non_null(r.prog);
    assert_int_equal(r.prog->npolicies, 1);
    const BkpPolicy *p = r.prog->policies;
    assert_string_equal(p->name, "web-vms");        /* named after the file */
    assert_true(p->origin->name_implicit);
    assert_true(p->enhanced && bkp_policy_default(p, BKP_FIELD_TYPE));
    assert_string_equal(p->timezone, "UTC");
    assert_true(bkp_policy_default(p, BKP_FIELD_TIMEZONE));
    assert_int_equal(p->snapshot_days, 7);
    assert_true(bkp_policy_default(p, BKP_FIELD_SNAPSHOTS));
    assert_true(p->daily.on && bkp_policy_default(p, BKP_FIELD_DAILY));
    assert_int_equal(p->daily.days, 180);
    assert_int_equal(p->time, 22 * 60 + 30);
    assert_int_equal(bkp_sched_anchor(p), 22 * 60 + 30);
    done(&r);

    run(&r, "x.bkp", "policy std-weekly { standard weekly on mon, fri at 02:00 }");
    assert_non_null(r.prog);
    p = r.prog->policies;
    assert_int_equal(p->snapshot_days, 5);
    assert_true(p->weekly.on && bkp_policy_default(p, BKP_FIELD_WEEKLY));
    assert_int_equal(p->weekly.weeks, 12);
    assert_int_equal(p->weekly.days, (1u << BKP_MON) | (1u << BKP_FRI));
    assert_false(p->daily.on);
    done(&r);

    run(&r, "x.bkp", "policy std-daily { standard daily at 02:00 keep weekly 4w }");
    p = r.prog->policies;
    assert_int_equal(p->snapshot_days, 2);
    assert_int_equal(p->weekly.days, 1u << BKP_SUN);   /* not a weekly schedule: Sunday */
    done(&r);
}

static void test_utc_needs_no_icu(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp", "policy utc-vms { timezone \"UTC\" daily at 02:00 }");
    assert_non_null(r.prog);
    assert_string_equal(r.prog->policies->timezone, "UTC");
    assert_false(bkp_policy_default(r.prog->policies, BKP_FIELD_TIMEZONE));
    assert_int_equal(bkp_tz_icu_uses(r.ctx.tz), 0);
    done(&r);
}

static void test_iana_zone_is_mapped(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp", "policy ist-vms { timezone \"Asia/Kolkata\" daily at 02:00 }");
    assert_non_null(r.prog);
    assert_string_equal(r.prog->policies->timezone, "India Standard Time");
    assert_string_equal(r.prog->policies->origin->timezone_written, "Asia/Kolkata");
    json_t *body = bkp_rest_body(r.prog->policies);
    assert_string_equal(json_string_value(json_object_get(json_object_get(body, "properties"), "timeZone")),
                        "India Standard Time");
    json_decref(body);
    done(&r);
}

static void test_hourly_expansion(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp", "policy hourly-vms { every 4h from 08:00 for 24h }");
    assert_non_null(r.prog);
    BkpRun runs[BKP_SCHED_MAX_RUNS];
    int n = bkp_sched_day(r.prog->policies, runs);
    assert_int_equal(n, 6);
    assert_int_equal(runs[0].minute, 8 * 60);
    assert_int_equal(runs[5].minute, 28 * 60);          /* 04:00 the next day */
    for (int i = 0; i < 5; i++)
        assert_false(runs[i].to_vault);
    assert_true(runs[5].to_vault);                        /* B12: the last of the window */
    done(&r);
}

static void test_protect_resolves(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp",
        "vault rsv resource-group rg subscription \"sub\"\n"
        "policy web-vms { daily at 02:00 }\n"
        "protect vm \"web.01\" resource-group rg-web with web-vms exclude disks 2, 0\n");
    assert_non_null(r.prog);
    assert_non_null(r.prog->vault);
    assert_string_equal(r.prog->vault->subscription, "sub");
    assert_int_equal(r.prog->nprotects, 1);
    const BkpProtect *p = r.prog->protects;
    assert_string_equal(p->vm, "web.01");
    assert_ptr_equal(p->policy, r.prog->policies);
    assert_int_equal(p->disks, BKP_DISKS_EXCLUDE);
    assert_int_equal(p->nluns, 2);
    assert_int_equal(p->luns[0], 2);
    done(&r);
}

static void test_keywords_as_names(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp", "policy crash { daily at 02:00 consistency crash }");
    assert_non_null(r.prog);
    assert_string_equal(r.prog->policies->name, "crash");
    assert_true(r.prog->policies->crash_consistent);
    done(&r);
}

static void test_check_leaves_the_tree(void **state)
{
    (void)state;
    /* Bare clauses beside a block: one error, no "no schedule" for the bare
     * policy, and the tree is as the parser left it. */
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    const char *text = "keep daily 30d\npolicy web-vms { daily at 02:00 }\n"
                       "protect vm a resource-group b with web-vms\n";
    BkpSource *src = bkp_source_from_string("x.bkp", text, strlen(text));
    AstFile *f = bkp_parse(&ctx, src);
    assert_non_null(f->bare);
    assert_false(f->bare->had_error);
    assert_null(bkp_check(&ctx, f));
    assert_int_equal(ctx.diags.errors, 1);
    assert_string_equal(ctx.diags.head->rule, "syntax");
    assert_false(f->bare->had_error);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

static void test_garbage_never_crashes(void **state)
{
    (void)state;
    /* Every prefix of a valid file: errors maybe, never a crash or a hang. */
    const char *text = "vault rsv resource-group g\npolicy web-vms { timezone \"UTC\" every 4h from 08:00 "
                       "for 24h keep monthly 12m on first, third sun keep yearly 2y in jan on day 1, last "
                       "archive after 3m snapshot resource-group \"a\" suffix \"b\" }\n"
                       "protect vm a resource-group b with web-vms include disks 1\n";
    size_t n = strlen(text);
    for (size_t k = 0; k <= n; k++) {
        Run r;
        bkp_ctx_init(&r.ctx);
        r.src = bkp_source_from_string("p.bkp", text, k);
        r.prog = bkp_compile(&r.ctx, r.src);
        if (k == n)
            assert_non_null(r.prog);
        done(&r);
    }
}

/* The REST body is byte for byte what jansson's json_dumpf prints with the
 * flags jsonw.h names (JSON_INDENT(2) | JSON_ENSURE_ASCII), escapes included:
 * jansson writes \uXXXX with upper-case hex digits. The checker refuses
 * control characters, `"` and `\` in a resource group's name (`naming`):
 * the policy gets them after the check, as one built in memory could. */
static void test_json_matches_jansson(void **state)
{
    (void)state;
    Run r;
    run(&r, "x.bkp", "policy esc-vms { daily at 02:00 snapshot resource-group \"rg-\" suffix \"-x\" }");
    assert_non_null(r.prog);
    BkpPolicy *p = r.prog->policies;
    p->snapshot_rg_prefix = "rg-\xC3\xA9\xF0\x9F\x98\x80\x1B-";
    p->snapshot_rg_suffix = "-\\ \" \x7F";

    char *ours = NULL, *theirs = NULL;
    size_t ours_len = 0, theirs_len = 0;
    FILE *f = open_memstream(&ours, &ours_len);
    assert_non_null(f);
    assert_int_equal(bkp_emit_json(p, f), 0);
    fclose(f);

    json_t *tree = bkp_rest_body(p);
    assert_non_null(tree);
    f = open_memstream(&theirs, &theirs_len);
    assert_non_null(f);
    assert_int_equal(json_dumpf(tree, f, JSON_INDENT(2) | JSON_ENSURE_ASCII), 0);
    fputc('\n', f);
    fclose(f);
    json_decref(tree);

    assert_string_equal(ours, theirs);
    assert_non_null(strstr(ours, "\"rg-\\u00E9\\uD83D\\uDE00\\u001B-\""));
    free(ours);
    free(theirs);
    done(&r);
}

/* bkp_source_read("-") with standard input a pipe that a child fills with
 * `head`, then `pad` spaces, then `tail`. Returns the source, or NULL with
 * *err = errno. */
static BkpSource *read_pipe(const char *head, size_t pad, const char *tail, int *err)
{
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fd[0]);
        FILE *w = fdopen(fd[1], "w");
        if (!w)
            _exit(1);
        fputs(head, w);
        for (size_t i = 0; i < pad; i++)
            putc(' ', w);
        fputs(tail, w);
        _exit(fclose(w) == 0 ? 0 : 1);
    }
    close(fd[1]);
    int saved = dup(STDIN_FILENO);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fd[0], STDIN_FILENO), STDIN_FILENO);
    close(fd[0]);
    clearerr(stdin);
    errno = 0;
    BkpSource *src = bkp_source_read("-");
    *err = errno;
    /* Closes the pipe: a child still writing (input left unread) gets SIGPIPE. */
    assert_int_equal(dup2(saved, STDIN_FILENO), STDIN_FILENO);
    close(saved);
    clearerr(stdin);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return src;
}

static void test_stdin_over_64k(void **state)
{
    (void)state;
    /* The clause after 70,000 spaces is read: the buffer grows, it is not
     * taken for the end of the input. */
    const char *head = "policy web-vms {\n", *tail = "\n  daily at 22:30\n}\n";
    int err;
    BkpSource *src = read_pipe(head, 70000, tail, &err);
    assert_non_null(src);
    assert_string_equal(src->name, "<stdin>");
    assert_int_equal(src->len, strlen(head) + 70000 + strlen(tail));
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpProgram *prog = bkp_compile(&ctx, src);
    assert_non_null(prog);
    assert_int_equal(prog->npolicies, 1);
    assert_int_equal(prog->policies->time, 22 * 60 + 30);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
}

static void test_stdin_size_limit(void **state)
{
    (void)state;
    int err;
    BkpSource *src = read_pipe("", BKP_SOURCE_MAX, "", &err);
    assert_non_null(src);                               /* the limit itself is fine */
    assert_int_equal(src->len, BKP_SOURCE_MAX);
    bkp_source_free(src);
    src = read_pipe("#", BKP_SOURCE_MAX, "", &err);     /* one byte more is not */
    assert_null(src);
    assert_int_equal(err, EFBIG);
}

static void test_file_size_limit(void **state)
{
    (void)state;
    char path[] = "/tmp/bkpc-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* A sparse file one byte over the limit: refused from its size. */
    assert_int_equal(ftruncate(fd, (off_t)BKP_SOURCE_MAX + 1), 0);
    errno = 0;
    BkpSource *src = bkp_source_read(path);
    int err = errno;
    assert_null(src);
    assert_int_equal(err, EFBIG);
    assert_int_equal(ftruncate(fd, (off_t)BKP_SOURCE_MAX), 0);
    src = bkp_source_read(path);
    assert_non_null(src);
    assert_int_equal(src->len, BKP_SOURCE_MAX);
    bkp_source_free(src);
    close(fd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_design_card_one_error),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_utc_needs_no_icu),
        cmocka_unit_test(test_iana_zone_is_mapped),
        cmocka_unit_test(test_hourly_expansion),
        cmocka_unit_test(test_protect_resolves),
        cmocka_unit_test(test_keywords_as_names),
        cmocka_unit_test(test_check_leaves_the_tree),
        cmocka_unit_test(test_garbage_never_crashes),
        cmocka_unit_test(test_json_matches_jansson),
        cmocka_unit_test(test_stdin_over_64k),
        cmocka_unit_test(test_stdin_size_limit),
        cmocka_unit_test(test_file_size_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
