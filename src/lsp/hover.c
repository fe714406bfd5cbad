/* hover.c — textDocument/hover: what is under the cursor, in Markdown.
 *
 *   a diagnostic's range   its rule: the title and summary of its page
 *   a clause               what it means, and the lines of `bkpc explain`
 *                          about it (bkp_explain_field_text)
 *   a time-zone id         its offsets and daylight saving time
 *   a policy's name        the whole of `bkpc explain` (also after `with`)
 *
 * The facts need the checked policy: in a file with errors a clause shows
 * its meaning only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/interp.h"
#include "bkpc/ruledoc.h"
#include "lsp_int.h"

const char *lsp_clause_meaning(AstClauseKind k)
{
    static const char *const m[AST_CLAUSE_KIND_COUNT] = {
        [AST_TYPE] = "the policy type: enhanced (V2) or standard (V1)",
        [AST_TIMEZONE] = "the time zone of every time in the policy (a Windows id; an IANA id is mapped)",
        [AST_EVERY] = ("an hourly schedule: a backup every N hours within an M-hour window (enhanced only); "
                       "the window's last backup goes to the vault"),
        [AST_DAILY] = "a daily schedule: one backup a day at a time in the policy's zone",
        [AST_WEEKLY] = "a weekly schedule: one backup on each of the weekdays, at a time in the policy's zone",
        [AST_KEEP_SNAPSHOTS] = "instant-restore retention: how many days each backup's snapshots are kept",
        [AST_KEEP_DAILY] = "daily retention: how many days each day's vault point is kept",
        [AST_KEEP_WEEKLY] = "weekly retention: how many weeks the vault points of some weekdays are kept",
        [AST_KEEP_MONTHLY] = "monthly retention: how many months the vault points of some days of each month are kept",
        [AST_KEEP_YEARLY] = "yearly retention: how many years the vault points of some days of some months are kept",
        [AST_ARCHIVE] = "vault-archive tiering: whether and when monthly and yearly points move to vault-archive",
        [AST_SNAPSHOT_RG] = "the resource group the instant-restore snapshots are kept in (a prefix and a suffix)",
        [AST_CONSISTENCY] = "snapshot consistency: application-consistent (the default) or crash-consistent",
        [AST_REQUIRE] = ("a requirement: what the policy keeps at every moment once it has run long enough, "
                         "which bkpc check proves"),
    };
    return (unsigned)k < AST_CLAUSE_KIND_COUNT && m[k] ? m[k] : "";
}

static BkpField clause_field(AstClauseKind k)
{
    static const BkpField f[AST_CLAUSE_KIND_COUNT] = {
        [AST_TYPE] = BKP_FIELD_TYPE,           [AST_TIMEZONE] = BKP_FIELD_TIMEZONE,
        [AST_EVERY] = BKP_FIELD_SCHEDULE,      [AST_DAILY] = BKP_FIELD_SCHEDULE,
        [AST_WEEKLY] = BKP_FIELD_SCHEDULE,     [AST_KEEP_SNAPSHOTS] = BKP_FIELD_SNAPSHOTS,
        [AST_KEEP_DAILY] = BKP_FIELD_DAILY,    [AST_KEEP_WEEKLY] = BKP_FIELD_WEEKLY,
        [AST_KEEP_MONTHLY] = BKP_FIELD_MONTHLY, [AST_KEEP_YEARLY] = BKP_FIELD_YEARLY,
        [AST_ARCHIVE] = BKP_FIELD_ARCHIVE,     [AST_SNAPSHOT_RG] = BKP_FIELD_SNAPSHOT_RG,
        [AST_CONSISTENCY] = BKP_FIELD_CONSISTENCY,
    };
    return f[k];
}

static bool inside(BkpSpan s, uint32_t off)
{
    return off >= s.off && off < s.end;
}

/* What the cursor is on, found in the tree. */
typedef struct Target {
    BkpSpan span;              /* what the hover covers (empty: nothing) */
    const AstClause *clause;   /* a clause */
    const char *policy;        /* a policy's name (or a protect's `with` name) */
    const char *zone;          /* a time-zone id, as written */
    bool in_template;          /* the clause is a template's: no policy has it as it is */
} Target;

/* The policy blocks (with the bare clauses'), then the template blocks. */
static const AstPolicy *next_block(const AstFile *f, const AstPolicy *p)
{
    if (p && p->is_template)
        return p->next;
    const AstPolicy *q = lsp_next_policy(f, p);
    return q ? q : f->templates;
}

static void find_target(const AstFile *f, uint32_t off, Target *t)
{
    memset(t, 0, sizeof *t);
    for (const AstPolicy *p = next_block(f, NULL); p; p = next_block(f, p)) {
        /* `policy NAME`: the keyword or the name */
        BkpSpan head = bkp_span(p->span.off, p->name.span.end);
        if (!p->implicit && !p->is_template && p->name.value && inside(head, off)) {
            t->span = head;
            t->policy = p->name.value;
            return;
        }
        for (const AstClause *c = p->clauses; c; c = c->next)
            if (inside(c->span, off)) {
                t->span = c->span;
                t->clause = c;
                t->in_template = p->is_template;
                if (c->kind == AST_TIMEZONE)
                    t->zone = c->u.tz.id.value;
                return;
            }
    }
    for (const AstProtect *pr = f->protects; pr; pr = pr->next)
        if (pr->policy.value && inside(pr->policy.span, off)) {
            t->span = pr->policy.span;
            t->policy = pr->policy.value;
            return;
        }
}

/* The rules of the diagnostics whose range holds off; *span gets the
 * first one's range. */
static void rules_at(const LspDoc *d, uint32_t off, FILE *out, BkpSpan *span)
{
    const char *seen[8];
    int nseen = 0;
    for (const BkpDiag *g = d->ctx.diags.head; g && nseen < 8; g = g->next) {
        BkpSpan s = g->primary.span;
        if (g->src != d->src || !(inside(s, off) || (s.off == s.end && s.off == off)))
            continue;
        const BkpRuleDoc *r = bkp_rule_doc(g->rule);
        bool dup = false;
        for (int i = 0; i < nseen; i++)
            dup |= strcmp(seen[i], g->rule) == 0;
        if (!r || dup)
            continue;
        if (nseen == 0)
            *span = s;
        seen[nseen++] = g->rule;
        char url[256];
        fprintf(out, "%s**%s**: %s\n\n%s\n\n[bkpc explain-rule %s](%s)\n", nseen > 1 ? "\n---\n\n" : "", r->id,
                r->title, r->summary, r->id, bkp_rule_doc_url(r->id, url, sizeof url));
    }
}

/* The facts of explain about field f of p, as a code block. */
static void facts(BkpLsp *s, const BkpPolicy *p, BkpField f, FILE *out)
{
    BkpExplain e;
    if (f == BKP_FIELD_TIMEZONE)
        bkp_explain_zone(lsp_tz(s), p, lsp_now(s), &e);
    else
        bkp_explain(lsp_tz(s), p, lsp_now(s), &e);
    fputs("```text\n", out);
    bkp_explain_field_text(&e, f, out);
    fputs("```\n", out);
}

/* A time-zone id as written: what it resolves to, its offsets and DST. */
static void zone_facts(BkpLsp *s, const char *id, FILE *out)
{
    BkpTz *tz = lsp_tz(s);
    const char *win;
    if (bkp_tz_resolve(tz, id, &win) == BKP_TZ_UNKNOWN) {
        const char *near[3];
        int n = bkp_tz_suggest(tz, id, near, 3);
        fprintf(out, "`\"%s\"` is not a time-zone id Azure knows", id);
        for (int i = 0; i < n; i++)
            fprintf(out, "%s`\"%s\"`", i == 0 ? "; did you mean " : i + 1 == n ? " or " : ", ", near[i]);
        fputs(n ? "?\n" : ".\n", out);
        return;
    }
    BkpPolicyOrigin origin;
    memset(&origin, 0, sizeof origin);
    origin.timezone_written = id;
    BkpPolicy p;
    memset(&p, 0, sizeof p);
    p.timezone = win;
    p.origin = &origin;
    facts(s, &p, BKP_FIELD_TIMEZONE, out);
}

static const char no_facts[] = "_`bkpc explain` tells more once the file has no errors._\n";

static void target_text(BkpLsp *s, const LspDoc *d, const Target *t, FILE *out)
{
    if (t->policy) {          /* explain's text starts with "policy NAME" */
        const BkpPolicy *p = d->prog ? bkp_program_find(d->prog, t->policy) : NULL;
        if (p)
            facts(s, p, BKP_FIELD_NAME, out);
        else
            fprintf(out, "**policy %s**\n\n%s", t->policy, no_facts);
        return;
    }
    const AstClause *c = t->clause;
    fprintf(out, "**%s** — %s\n\n", bkp_clause_name(c->kind), lsp_clause_meaning(c->kind));
    if (t->zone) {
        zone_facts(s, t->zone, out);
        return;
    }
    const BkpPolicy *p = lsp_policy_at(d, c->span.off);
    if (t->in_template)
        fputs("_A template's clause: each policy made from the template takes it, unless it gives its own._\n", out);
    else if (p && c->kind == AST_REQUIRE)        /* a program: every requirement was proved */
        fputs("It holds: `bkpc check` proves it over every moment.\n", out);
    else if (p)
        facts(s, p, clause_field(c->kind), out);
    else
        fputs(no_facts, out);
}

int lsp_hover(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    LspDoc *d = lsp_doc(s, params, e);
    uint32_t off;
    if (!d || lsp_offset(d->src, params, "position", &off, e) != 0)
        return -1;
    char *text = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&text, &n);
    if (!out)
        return lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
    BkpSpan span = {0, 0};
    rules_at(d, off, out, &span);
    Target t;
    find_target(d->ast, off, &t);
    if (t.span.end > t.span.off) {
        if (ftell(out) > 0)
            fputs("\n---\n\n", out);
        else
            span = t.span;
        target_text(s, d, &t, out);
    }
    if (fclose(out) != 0) {
        free(text);
        return lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
    }
    if (n == 0) {
        jw_null(w);
    } else {
        jw_obj(w);
        jw_key(w, "contents");
        jw_obj(w);
        jw_key(w, "kind");
        jw_str(w, "markdown");
        jw_key(w, "value");
        jw_str(w, text);
        jw_end_obj(w);
        jw_key(w, "range");
        lsp_write_range(w, d->src, span);
        jw_end_obj(w);
    }
    free(text);
    return 0;
}
