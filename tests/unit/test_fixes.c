/* Machine-applicable fixes, the checker's and the parser's: each diagnostic
 * whose hint names one exact edit carries it (span and replacement), and
 * applying it to the source makes that diagnostic go away; a hint that
 * offers a choice carries none. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bkpc/compile.h"

typedef struct Run {
    BkpCtx ctx;
    BkpSource *src;
} Run;

/* Bare clauses in test-vms.bkp make a policy named `test-vms`. */
static void run(Run *r, const char *text)
{
    bkp_ctx_init(&r->ctx);
    r->src = bkp_source_from_string("test-vms.bkp", text, strlen(text));
    assert_non_null(r->src);
    bkp_compile(&r->ctx, r->src);
}

static void done(Run *r)
{
    bkp_ctx_free(&r->ctx);
    bkp_source_free(r->src);
}

static const BkpDiag *find(const Run *r, const char *rule)
{
    for (const BkpDiag *g = r->ctx.diags.head; g; g = g->next)
        if (strcmp(g->rule, rule) == 0)
            return g;
    return NULL;
}

static void dump(const Run *r)
{
    for (const BkpDiag *g = r->ctx.diags.head; g; g = g->next)
        print_message("  %s at %u: %s\n", g->rule, g->primary.span.off, g->msg);
}

/* The source with the fix applied (to free). */
static char *apply(const char *text, BkpFix fix)
{
    size_t len = strlen(text), n = strlen(fix.text);
    assert_true(fix.span.off <= fix.span.end && fix.span.end <= len);
    char *out = malloc(len - (fix.span.end - fix.span.off) + n + 1);
    assert_non_null(out);
    memcpy(out, text, fix.span.off);
    memcpy(out + fix.span.off, fix.text, n);
    strcpy(out + fix.span.off + n, text + fix.span.end);
    return out;
}

/* `text` has a `rule` diagnostic whose fix replaces `old` with `new_text`.
 * Applied, the source is clean (after_rule NULL) or has no `rule`
 * diagnostic left but an `after_rule` one (the next thing to fix). */
static void expect_fix(const char *text, const char *rule, const char *old, const char *new_text,
                       const char *after_rule)
{
    Run r;
    run(&r, text);
    const BkpDiag *g = find(&r, rule);
    if (!g) {
        dump(&r);
        fail_msg("no %s diagnostic for:\n%s", rule, text);
    }
    if (!g->fix.text)
        fail_msg("%s has no fix: %s", rule, g->msg);
    assert_int_equal(g->fix.span.end - g->fix.span.off, strlen(old));
    assert_memory_equal(text + g->fix.span.off, old, strlen(old));
    assert_string_equal(g->fix.text, new_text);
    char *fixed = apply(text, g->fix);
    done(&r);

    run(&r, fixed);
    if (after_rule) {
        assert_null(find(&r, rule));
        assert_non_null(find(&r, after_rule));
    } else if (r.ctx.diags.count) {
        dump(&r);
        fail_msg("not clean after the fix:\n%s", fixed);
    }
    done(&r);
    free(fixed);
}

/* `text` has a `rule` diagnostic, without a fix. */
static void expect_no_fix(const char *text, const char *rule)
{
    Run r;
    run(&r, text);
    const BkpDiag *g = find(&r, rule);
    assert_non_null(g);
    if (g->fix.text)
        fail_msg("%s has a fix `%s`: %s", rule, g->fix.text, g->msg);
    done(&r);
}

typedef struct FixCase {
    const char *text, *rule;       /* a source, and the rule it breaks */
    const char *old, *new_text;    /* what the fix replaces, and with what */
    const char *after;             /* NULL: clean once fixed; else the rule broken next */
} FixCase;

static const FixCase fixes[] = {
    /* B7: the window the hint names */
    {"every 4h from 08:00 for 23h\n", "B7", "23h", "24h", NULL},
    {"every 4h from 08:00 for 30h\n", "B7", "30h", "24h", NULL},
    {"every 8h from 08:00 for 4 hours\n", "B7", "4 hours", "8h", NULL},
    /* B6: below the shortest interval */
    {"every 2h from 08:00 for 24h\n", "B6", "2h", "4h", NULL},
    /* units: did you mean (the unit alone is replaced), and the nearest
     * whole number of the clause's unit */
    {"daily at 02:00\nkeep daily 30 dys\n", "unit", "dys", "days", NULL},
    {"every 4hr from 08:00 for 24h\n", "unit", "hr", "h", NULL},
    {"daily at 02:00\nkeep daily 1m\n", "unit", "1m", "30d", NULL},
    {"weekly on sun at 02:00\nkeep weekly 10d\n", "unit", "10d", "1w", NULL},
    /* D5-D8: the nearest bound */
    {"daily at 02:00\nkeep daily 6d\n", "D5", "6d", "7d", NULL},
    {"daily at 02:00\nkeep daily 10000 days\n", "D5", "10000 days", "9999d", NULL},
    {"weekly on sun at 02:00\nkeep weekly 6000w on sun\n", "D6", "6000w", "5163w", NULL},
    {"daily at 02:00\nkeep monthly 1200m on first sun\n", "D7", "1200m", "1188m", NULL},
    {"daily at 02:00\nkeep yearly 100y in jan on first sun\n", "D8", "100y", "99y", NULL},
    /* C1-C4: the nearest bound; C5 (a warning): the documented maximum */
    {"standard\ndaily at 02:00\nkeep snapshots 40d\n", "C1", "40d", "5d", NULL},
    {"daily at 02:00\nkeep snapshots 31d\nkeep daily 60d\n", "C3", "31d", "30d", NULL},
    {"weekly on sun at 02:00\nkeep snapshots 4d\n", "C4", "4d", "5d", NULL},
    {"every 4h from 08:00 for 24h\nkeep snapshots 18d\nkeep daily 30d\n", "C5", "18d", "17d", NULL},
    /* C2: remove the clause; its line when it is alone on it, else the
     * clause and the blanks that set it apart */
    {"standard\nweekly on sun at 02:00\n  keep snapshots 4d  \nkeep weekly 4w\n", "C2",
     "  keep snapshots 4d  \n", "", NULL},
    {"standard\nweekly on sun at 02:00\nkeep snapshots 4d\r\nkeep weekly 4w\n", "C2",
     "keep snapshots 4d\r\n", "", NULL},
    {"standard\nweekly on sun at 02:00\nkeep snapshots 4d", "C2", "keep snapshots 4d", "", NULL},
    {"standard weekly on sun at 02:00 keep snapshots 4d keep weekly 4w\n", "C2",
     " keep snapshots 4d", "", NULL},
    {"standard\nkeep snapshots 4d weekly on sun at 02:00\n", "C2", "keep snapshots 4d ", "", NULL},
    /* D12, E3, E5 */
    {"weekly on mon at 02:00\nkeep monthly 12m on day 1\n", "D12", "on day 1", "on first mon", NULL},
    {"weekly on mon at 02:00\nkeep yearly 2y in jan on day 1, 15\n", "D12", "on day 1, 15",
     "on first mon", NULL},
    {"daily at 02:00\nkeep monthly 6m on first sun\narchive recommended\n", "E3", "6m", "9m", NULL},
    {"daily at 02:00\nkeep monthly 12m on first sun\narchive after 2m\n", "E5", "2m", "3m", NULL},
    {"daily at 02:00\nkeep monthly 7m on first sun\narchive after 3m\n", "E5", "7m", "9m", NULL},
    /* did you mean: weekdays, months, weeks, `last`, consistency */
    {"weekly on sunday, mnday at 02:00\n", "value", "mnday", "monday", NULL},
    {"daily at 02:00\nkeep yearly 5y in jna on first sun\n", "value", "jna", "jan", NULL},
    {"daily at 02:00\nkeep monthly 12m on frist sun\n", "value", "frist", "first", NULL},
    {"daily at 02:00\nkeep monthly 12m on day 1, lst\n", "value", "lst", "last", NULL},
    {"daily at 02:00\nconsistency aplication\n", "value", "aplication", "application", NULL},
    /* a fix may lead to the next error: here a weekday listed twice */
    {"weekly on mon, mno at 02:00\n", "value", "mno", "mon", "B4"},
    /* days 29-31 of the month: `last` */
    {"daily at 02:00\nkeep monthly 12m on day 1, 31\n", "D15", "31", "last", NULL},
    /* weekdays before weeks: the two lists swapped, as written */
    {"daily at 02:00\nkeep monthly 12m on sun first\n", "syntax", "sun first", "first sun", NULL},
    {"daily at 02:00\nkeep monthly 12m on sat, sun first, third\n", "syntax", "sat, sun first, third",
     "first, third sat, sun", NULL},
    /* time zones, when there is one suggestion */
    {"timezone \"Europe/Berln\"\ndaily at 02:00\n", "A7", "\"Europe/Berln\"", "\"Europe/Berlin\"", NULL},
    {"timezone \"Pacific Standrd Time\"\ndaily at 02:00\n", "A7", "\"Pacific Standrd Time\"",
     "\"Pacific Standard Time\"", NULL},
    /* the policy a `protect` names: bare or quoted as written; a name that
     * is no bare word as a string (`db vms` has an error of its own, A6) */
    {"policy web-vms { daily at 02:00 }\nprotect vm \"vm1\" resource-group \"rg\" with web-vm\n", "name",
     "web-vm", "web-vms", NULL},
    {"policy web-vms { daily at 02:00 }\nprotect vm \"vm1\" resource-group \"rg\" with \"web-vm\"\n",
     "name", "\"web-vm\"", "\"web-vms\"", NULL},
    {"policy \"db vms\" { daily at 03:00 }\nprotect vm \"vm1\" resource-group \"rg\" with db-vms\n", "name",
     "db-vms", "\"db vms\"", "A6"},
    /* syntax: did you mean a keyword; quote a word where a string goes;
     * lexical slips (a stray `;`, a name with `.`) */
    {"daily at 02:00\nkep daily 7d\n", "syntax", "kep", "keep", NULL},
    {"daily at 02:00\nkeep dayly 7d\n", "syntax", "dayly", "daily", NULL},
    {"policy web-vms { daily at 02:00 kep daily 7d }\n", "syntax", "kep", "keep", NULL},
    {"timezone UTC\ndaily at 02:00\n", "syntax", "UTC", "\"UTC\"", NULL},
    {"daily at 02:00; keep daily 7d\n", "syntax", ";", "", NULL},
    {"policy web-vms { daily at 02:00 }\nprotect vm web.01 resource-group g with web-vms\n",
     "syntax", "web.01", "\"web.01\"", NULL},
};

static void test_fixes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
        const FixCase *c = &fixes[i];
        expect_fix(c->text, c->rule, c->old, c->new_text, c->after);
    }
}

/* Hints that offer a choice, or only an example: no fix. */
static const char *const no_fixes[][2] = {
    {"every 5h from 08:00 for 20h\n", "B6"},                 /* a choice of four */
    {"every 24h from 08:00 for 24h\n", "B6"},                /* `daily at HH:MM` */
    {"daily at 02:15\n", "B3"},                              /* 02:00 or 02:30 */
    {"daily at 02:00\nkeep daily 3min\n", "unit"},           /* no minutes */
    {"daily at 02:00\nkeep daily 3qq\n", "unit"},            /* no near unit */
    {"standard\ndaily at 02:00\nkeep snapshots 6d\n", "C1"}, /* `enhanced`, or fewer */
    {"daily at 02:00\nkeep monthly 12m on first sun\narchive after 9m\n", "E5"}, /* longer, or sooner */
    {"weekly on mon, fri at 02:00\nkeep weekly 4w on sun\n", "D11"},   /* the schedule's days, or none */
    {"daily at 02:00\nkeep monthly 12m on first\n", "D14"},  /* which weekday? */
    {"daily at 02:00\nkeep monthly 12m on day 31, last\n", "D15"},     /* `last` is there already */
    {"daily at 02:00\nkeep monthly 12m on day 40\n", "D15"},
    {"timezone \"Europe/Pari\"\ndaily at 02:00\n", "A7"},   /* two suggestions */
    {"timezone \"PST\"\ndaily at 02:00\n", "A7"},
    /* a name with `"` in it would need escapes */
    {"policy \"we\\\"b-vms\" { daily at 02:00 }\nprotect vm \"vm1\" resource-group \"rg\" with \"we\\\"b-vm\"\n",
     "name"},
    /* syntax: `180d` or `180 days`; a number that is not whole; nothing to quote */
    {"daily at 01:00 keep daily 180 weekly\n", "syntax"},
    {"daily at 02:00\nkeep daily 1.5d\n", "syntax"},
    {"timezone", "syntax"},
};

static void test_no_fixes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof no_fixes / sizeof no_fixes[0]; i++)
        expect_no_fix(no_fixes[i][0], no_fixes[i][1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixes),
        cmocka_unit_test(test_no_fixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
