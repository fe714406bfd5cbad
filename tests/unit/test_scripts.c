/* The script backends: quoting of user strings, and the PowerShell and Azure
 * CLI emitters on compiled and on hand-built programs (names the language
 * cannot spell, such as ones with a newline). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bkpc/compile.h"
#include "bkpc/emit.h"
#include "bkpc/quote.h"

typedef struct Buf {
    char *text;
    size_t len;
    FILE *f;
} Buf;

static void buf_open(Buf *b)
{
    b->text = NULL;
    b->len = 0;
    b->f = open_memstream(&b->text, &b->len);
    assert_non_null(b->f);
}

static char *buf_close(Buf *b)
{
    fclose(b->f);
    return b->text;
}

static char *ps(const char *s)
{
    Buf b;
    buf_open(&b);
    bkp_ps_quote(b.f, s);
    return buf_close(&b);
}

static char *sh(const char *s)
{
    Buf b;
    buf_open(&b);
    bkp_sh_quote(b.f, s);
    return buf_close(&b);
}

static void test_ps_quote(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", "''"},
        {"rsv-prod", "'rsv-prod'"},
        {"o'brien", "'o''brien'"},
        {"''", "''''''"},
        {"$(rm -rf /) `n ${x} \"q\"", "'$(rm -rf /) `n ${x} \"q\"'"},
        {"a\nb\r\nc", "'a\nb\r\nc'"},
        /* U+2018..U+201B end a PowerShell string as ' does: doubled */
        {"a\xE2\x80\x98" "b", "'a\xE2\x80\x98\xE2\x80\x98" "b'"},
        {"\xE2\x80\x99\xE2\x80\x9A\xE2\x80\x9B", "'\xE2\x80\x99\xE2\x80\x99\xE2\x80\x9A\xE2\x80\x9A\xE2\x80\x9B\xE2\x80\x9B'"},
        /* U+201C (a double quote) and other non-ASCII: as they are */
        {"\xE2\x80\x9Cx\xE2\x80\x9D \xC3\xA9", "'\xE2\x80\x9Cx\xE2\x80\x9D \xC3\xA9'"},
        /* a truncated sequence at the end: no read past the NUL */
        {"x\xE2\x80", "'x\xE2\x80'"},
        {"x\xE2", "'x\xE2'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = ps(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
    char *got = ps(NULL);
    assert_string_equal(got, "''");
    free(got);
}

static void test_sh_quote(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"", "''"},
        {"web-01", "'web-01'"},
        {"o'brien", "'o'\\''brien'"},
        {"'", "''\\'''"},
        {"$(x) `y` \\ \"z\" !h\nl", "'$(x) `y` \\ \"z\" !h\nl'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = sh(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
}

static void test_comment_safe(void **state)
{
    (void)state;
    assert_true(bkp_comment_safe("prod-vms.bkp"));
    assert_true(bkp_comment_safe("W. Europe Standard Time"));
    assert_false(bkp_comment_safe(""));
    assert_false(bkp_comment_safe(NULL));
    assert_false(bkp_comment_safe("a\nb"));
    assert_false(bkp_comment_safe("a#>b"));
    assert_false(bkp_comment_safe("it's"));
    assert_false(bkp_comment_safe("caf\xC3\xA9"));
    char big[120];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_false(bkp_comment_safe(big));
    assert_true(bkp_has_non_ascii("caf\xC3\xA9"));
    assert_false(bkp_has_non_ascii("cafe"));
    assert_false(bkp_has_non_ascii(NULL));
}

typedef struct Run {
    BkpCtx ctx;
    BkpSource *src;
    BkpProgram *prog;
} Run;

static void run(Run *r, const char *text)
{
    bkp_ctx_init(&r->ctx);
    r->src = bkp_source_from_string("t.bkp", text, strlen(text));
    r->prog = bkp_compile(&r->ctx, r->src);
    assert_non_null(r->prog);
}

static void done(Run *r)
{
    bkp_ctx_free(&r->ctx);
    bkp_source_free(r->src);
}

typedef int (*Emit)(const BkpProgram *, const BkpPolicy *, FILE *);

static char *emit(Emit e, const BkpProgram *prog, const BkpPolicy *only)
{
    Buf b;
    buf_open(&b);
    assert_int_equal(e(prog, only, b.f), 0);
    return buf_close(&b);
}

static const char two_policies[] =
    "vault rsv resource-group rg\n"
    "policy web-tier { standard daily at 02:00 keep snapshots 3d }\n"
    "policy db-tier { every 6h from 00:00 for 24h consistency crash }\n"
    "protect vm web-01 resource-group rg-web with web-tier\n"
    "protect vm db-01 resource-group rg-db with db-tier exclude disks 1, 2\n";

static void test_ps1_script(void **state)
{
    (void)state;
    Run r;
    run(&r, two_policies);
    char *all = emit(bkp_emit_ps1, r.prog, NULL);
    char *again = emit(bkp_emit_ps1, r.prog, NULL);
    assert_string_equal(all, again); /* deterministic */
    assert_non_null(strstr(all, "ModuleVersion = '6.8.0'"));
    assert_non_null(strstr(all, "[CmdletBinding(SupportsShouldProcess)]"));
    assert_non_null(strstr(all, "[string] $VaultName = 'rsv'"));
    assert_non_null(strstr(all, "$policyName = 'web-tier'"));
    assert_non_null(strstr(all, "-PolicySubType Standard -ScheduleRunFrequency Daily"));
    assert_non_null(strstr(all, "-PolicySubType Enhanced -ScheduleRunFrequency Hourly"));
    assert_non_null(strstr(all, "-SnapshotConsistencyType OnlyCrashConsistent"));
    assert_non_null(strstr(all, "-ExclusionDisksList '1', '2'"));
    assert_non_null(strstr(all, "$vmName = 'web-01'"));
    /* --policy db-tier: that policy and its VM only */
    const BkpPolicy *db = bkp_program_find(r.prog, "db-tier");
    assert_non_null(db);
    char *one = emit(bkp_emit_ps1, r.prog, db);
    assert_null(strstr(one, "'web-tier'"));
    assert_null(strstr(one, "'web-01'"));
    assert_non_null(strstr(one, "$vmName = 'db-01'"));
    free(all);
    free(again);
    free(one);
    done(&r);
}

static void test_azcli_script(void **state)
{
    (void)state;
    Run r;
    run(&r, two_policies);
    char *all = emit(bkp_emit_azcli, r.prog, NULL);
    assert_true(strncmp(all, "#!/usr/bin/env bash\n", 20) == 0);
    assert_non_null(strstr(all, "set -euo pipefail\n"));
    assert_non_null(strstr(all, "VAULT='rsv'"));
    assert_non_null(strstr(all, "apply_policy 'web-tier' \"$tmp/policy-1.json\""));
    assert_non_null(strstr(all, "protect_vm 'db-01' 'rg-db' 'db-tier' exclude 1 2\n"));
    /* the body is bkp_emit_json's, byte for byte */
    const BkpPolicy *db = bkp_program_find(r.prog, "db-tier");
    Buf b;
    buf_open(&b);
    assert_int_equal(bkp_emit_json(db, b.f), 0);
    char *json = buf_close(&b);
    assert_non_null(strstr(all, json));
    free(json);
    free(all);
    done(&r);
}

/* A program built by hand: names the language cannot spell (a newline), no
 * source, a LUN count over the array. */
static void test_hand_built(void **state)
{
    (void)state;
    Run r;
    run(&r, "policy p-one { daily at 01:00 }\n");
    BkpPolicy *p = r.prog->policies;
    p->name = "p\n#x'";
    p->snapshot_rg_prefix = "JSON";
    p->snapshot_rg_suffix = "\nJSON\n";
    BkpVault v = {.name = "v\n'x", .resource_group = "r\xE2\x80\x99g"};
    BkpProtect pr;
    memset(&pr, 0, sizeof pr);
    pr.vm = "vm\n; rm -rf /";
    pr.resource_group = "rg'";
    pr.policy = p;
    pr.disks = BKP_DISKS_INCLUDE;
    pr.nluns = 1000;
    BkpProgram prog = *r.prog;
    prog.src = NULL;
    prog.vault = &v;
    prog.protects = &pr;
    prog.nprotects = 1;

    char *s = emit(bkp_emit_ps1, &prog, NULL);
    assert_non_null(strstr(s, "$policyName = 'p\n#x'''\n"));
    assert_non_null(strstr(s, "[string] $VaultName = 'v\n''x'"));
    assert_non_null(strstr(s, "'r\xE2\x80\x99\xE2\x80\x99g'"));
    assert_non_null(strstr(s, "$vmName = 'vm\n; rm -rf /'"));
    assert_true(strncmp(s, "\xEF\xBB\xBF", 3) == 0); /* non-ASCII: a BOM */
    free(s);

    s = emit(bkp_emit_azcli, &prog, NULL);
    assert_non_null(strstr(s, "apply_policy 'p\n#x'\\''' "));
    assert_non_null(strstr(s, "protect_vm 'vm\n; rm -rf /' 'rg'\\''' "));
    assert_non_null(strstr(s, "\"azureBackupRGNameSuffix\": \"\\nJSON\\n\""));
    free(s);
    done(&r);
}

static void test_write_error(void **state)
{
    (void)state;
    Run r;
    run(&r, two_policies);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        assert_int_equal(bkp_emit_ps1(r.prog, NULL, full), -1);
        fclose(full);
        full = fopen("/dev/full", "w");
        assert_int_equal(bkp_emit_azcli(r.prog, NULL, full), -1);
        fclose(full);
    }
    assert_int_equal(bkp_emit_ps1(NULL, NULL, stdout), -1);
    assert_int_equal(bkp_emit_azcli(r.prog, NULL, NULL), -1);
    done(&r);
}

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifndef UNDER_ASAN
/* Touches stack the child will need, so it is mapped before the limit. */
static void grow_stack(void)
{
    volatile char big[256 * 1024];
    big[0] = big[sizeof big - 1] = 0;
}
#endif

/* Out of memory while writing a policy's body: the JSON backend writes
 * nothing and leaves ferror() clear, so bkp_emit_azcli must pass its -1 on
 * (not print a script with an empty heredoc). Run in a child with the
 * address space capped at its current size and the heap used up. */
static void test_azcli_out_of_memory(void **state)
{
    (void)state;
#ifdef UNDER_ASAN
    skip(); /* the sanitizer's allocator dies rather than return NULL */
#else
    Run r;
    run(&r, two_policies);
    FILE *sink = fopen("/dev/null", "w");
    assert_non_null(sink);
    static char sink_buf[BUFSIZ];
    setvbuf(sink, sink_buf, _IOFBF, sizeof sink_buf);
    assert_int_equal(bkp_emit_azcli(r.prog, NULL, sink), 0); /* builds the line map */
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        grow_stack();
        long pages = 0;
        FILE *statm = fopen("/proc/self/statm", "r");
        if (!statm || fscanf(statm, "%ld", &pages) != 1)
            _exit(3);
        fclose(statm);
        struct rlimit lim;
        if (getrlimit(RLIMIT_AS, &lim) != 0)
            _exit(3);
        lim.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
        if (setrlimit(RLIMIT_AS, &lim) != 0)
            _exit(3);
        size_t got = 0;
        while (malloc(8192) && got < (1u << 20))   /* leaks: the child exits */
            got++;
        if (got == 1u << 20)
            _exit(3);
        errno = 0;
        int rc = bkp_emit_azcli(r.prog, NULL, sink);
        _exit(rc == -1 && errno == ENOMEM ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    fclose(sink);
    done(&r);
#endif
}

/* Both backends name the source the same way in comments: its base name
 * when bkp_comment_safe() allows it (up to 100 characters), else the line
 * alone. */
static void test_comment_where(void **state)
{
    (void)state;
    static const char text[] = "vault rsv resource-group rg\npolicy web-tier { daily at 02:00 }\n";
    char path[160], want[160];
    for (size_t len = 99; len <= 101; len++) {
        char base[128];
        memset(base, 'a', len - 4);
        memcpy(base + len - 4, ".bkp", 5);
        snprintf(path, sizeof path, "some/dir/%s", base);
        if (len <= 100)
            snprintf(want, sizeof want, " (%s, line 2)", base);
        else
            snprintf(want, sizeof want, " (line 2)");
        Run r;
        bkp_ctx_init(&r.ctx);
        r.src = bkp_source_from_string(path, text, strlen(text));
        r.prog = bkp_compile(&r.ctx, r.src);
        assert_non_null(r.prog);
        Emit emitters[] = {bkp_emit_ps1, bkp_emit_azcli};
        for (int e = 0; e < 2; e++) {
            char *s = emit(emitters[e], r.prog, NULL);
            assert_non_null(strstr(s, want));
            assert_int_equal(strstr(s, base) != NULL, len <= 100);
            free(s);
        }
        done(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ps_quote),     cmocka_unit_test(test_sh_quote),
        cmocka_unit_test(test_comment_safe), cmocka_unit_test(test_ps1_script),
        cmocka_unit_test(test_azcli_script), cmocka_unit_test(test_hand_built),
        cmocka_unit_test(test_write_error),  cmocka_unit_test(test_azcli_out_of_memory),
        cmocka_unit_test(test_comment_where),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
