/* render.c — a diff as text, for people, and as JSON, for programs, with
 * the same facts (docs/semantics.md, "bkpc diff"). Instants are shown in
 * the zone of the policy as it was (text) and in UTC (JSON). */
#include "bkpc/diff.h"

#include <stdlib.h>
#include <string.h>

#include "bkpc/jsonw.h"

static const char *const change_names[] = {
    [BKP_CHANGE_ADDED] = "added", [BKP_CHANGE_REMOVED] = "removed", [BKP_CHANGE_CHANGED] = "changed"};

/* A field's key in the JSON. */
static const char *const field_keys[BKP_FIELD_COUNT] = {
    [BKP_FIELD_NAME] = "name",           [BKP_FIELD_TYPE] = "type",
    [BKP_FIELD_TIMEZONE] = "timezone",   [BKP_FIELD_SCHEDULE] = "schedule",
    [BKP_FIELD_SNAPSHOTS] = "snapshots", [BKP_FIELD_DAILY] = "daily",
    [BKP_FIELD_WEEKLY] = "weekly",       [BKP_FIELD_WEEKLY_DAYS] = "weekly_days",
    [BKP_FIELD_MONTHLY] = "monthly",     [BKP_FIELD_MONTHLY_ON] = "monthly_on",
    [BKP_FIELD_YEARLY] = "yearly",       [BKP_FIELD_YEARLY_ON] = "yearly_on",
    [BKP_FIELD_ARCHIVE] = "archive",     [BKP_FIELD_SNAPSHOT_RG] = "snapshot_rg",
    [BKP_FIELD_CONSISTENCY] = "consistency",
};

/* The count field of a rule, for its days field (else BKP_FIELD_COUNT). */
static BkpField rule_of(BkpField f)
{
    switch (f) {
    case BKP_FIELD_WEEKLY_DAYS: return BKP_FIELD_WEEKLY;
    case BKP_FIELD_MONTHLY_ON: return BKP_FIELD_MONTHLY;
    case BKP_FIELD_YEARLY_ON: return BKP_FIELD_YEARLY;
    default: return BKP_FIELD_COUNT;
    }
}

/* A changed field as both renderers show it: its words on each side. */
typedef struct FieldLine {
    BkpField f;
    char old[400], new[400];
} FieldLine;

/* The fields of a change worth a line each, in words: the days of a rule
 * one side does not have go with the rule's count ("none -> 12 months on
 * the first Sunday"). How many, into out. */
static int field_lines(const BkpPolicyChange *c, FieldLine out[BKP_FIELD_COUNT])
{
    int n = 0;
    for (int i = 0; i < c->nfields; i++) {
        BkpField f = c->fields[i], r = rule_of(f);
        bool one_sided = r != BKP_FIELD_COUNT ? bkp_policy_has(c->old, r) != bkp_policy_has(c->new, r)
                                              : bkp_policy_has(c->old, f) != bkp_policy_has(c->new, f);
        if (r != BKP_FIELD_COUNT && one_sided)
            continue;
        out[n].f = f;
        bkp_field_words(c->old, f, one_sided, out[n].old, sizeof out[n].old);
        bkp_field_words(c->new, f, one_sided, out[n].new, sizeof out[n].new);
        n++;
    }
    return n;
}

/* ---- text --------------------------------------------------------------------------- */

/* Instant t on the clocks of p's zone, with `flags` (clock.h). */
static char *when(BkpTz *tz, const BkpPolicy *p, int64_t t, unsigned flags, char *buf, size_t n)
{
    return bkp_fmt_clock(t, bkp_interp_offset(tz, p, t), flags, buf, n);
}

static void text_effect(BkpTz *tz, const BkpPolicyChange *c, FILE *out)
{
    const BkpEffect *e = &c->effect;
    char a[BKP_CLOCK_MAX], b[BKP_CLOCK_MAX];
    when(tz, c->old, c->at, 0, a, sizeof a);
    fprintf(out, "  the %zu recovery point%s that exist at %s (%s):\n", e->existing, e->existing == 1 ? "" : "s", a,
            c->old->timezone);
    if (!e->ndeleted && !e->with_snapshot)
        fprintf(out, "    none is deleted\n");
    for (int w = BKP_WHY_COUNT - 1; w >= 0; w--) {
        const BkpDeleted *d = &e->deleted[w];
        if (!d->count)
            continue;
        when(tz, c->old, d->oldest, 0, a, sizeof a);
        when(tz, c->old, d->newest, 0, b, sizeof b);
        fprintf(out, "    deleted at once: %zu %s point%s, taken %s%s%s\n", d->count, bkp_why_name((BkpWhy)w),
                d->count == 1 ? "" : "s", a, d->count > 1 ? " to " : "", d->count > 1 ? b : "");
    }
    if (e->with_snapshot) {
        when(tz, c->old, e->with_snapshot_by, 0, a, sizeof a);
        fprintf(out, "    deleted when their snapshots expire, by %s: %zu more point%s no rule keeps\n", a,
                e->with_snapshot, e->with_snapshot == 1 ? "" : "s");
    }
    if (e->snapshots_dropped)
        fprintf(out, "    snapshots removed at once: %zu (those points stay in the vault)\n", e->snapshots_dropped);
    if (e->earlier) {
        bkp_fmt_span(e->most_earlier / 60, a, sizeof a);
        fprintf(out, "    expire earlier: %zu point%s, by up to %s\n", e->earlier, e->earlier == 1 ? "" : "s", a);
    }
    if (e->later) {
        bkp_fmt_span(e->most_later / 60, a, sizeof a);
        fprintf(out, "    expire later: %zu point%s, by up to %s\n", e->later, e->later == 1 ? "" : "s", a);
    }
    when(tz, c->old, e->settled, 0, a, sizeof a);
    if (e->settled > c->at)
        fprintf(out, "  fully in effect at %s: the last point it moves expires, and the rules it changed are "
                "full\n", a);
    else
        fprintf(out, "  in effect at once\n");
}

static void text_change(BkpTz *tz, const BkpPolicyChange *c, FILE *out)
{
    fprintf(out, "policy %s: %s\n", c->name, change_names[c->kind]);
    if (c->kind != BKP_CHANGE_CHANGED)
        return;
    FieldLine lines[BKP_FIELD_COUNT];
    int n = field_lines(c, lines);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %s: %s → %s\n", bkp_field_name(lines[i].f), lines[i].old, lines[i].new);
    if (c->flags & BKP_REFUSED_TYPE) {
        fprintf(out, "  refused: Azure does not change a policy's type in place (A3); create the new policy under "
                "another name and move the VMs to it\n");
        if (c->flags & BKP_REFUSED_DOWNGRADE)
            fprintf(out, "  cannot be undone: a VM protected by an enhanced policy can never move to a standard one "
                    "(A4)\n");
    } else if (c->effect.computed) {
        text_effect(tz, c, out);
    }
    if (c->flags & BKP_SHORTENS)
        fprintf(out, "  note: it shortens retention, which a vault with locked immutability refuses\n");
}

int bkp_diff_text(BkpTz *tz, const BkpDiff *d, FILE *out)
{
    for (int i = 0; i < d->n; i++)
        text_change(tz, &d->changes[i], out);
    return ferror(out) ? -1 : 0;
}

/* ---- JSON --------------------------------------------------------------------------- */

/* As the interpreter's JSON has them: {"local": "2026-06-15T17:30:00+05:30",
 * "utc": "2026-06-15T12:00:00Z"}, on the clocks of p's zone. */
static void jw_instant(JsonW *w, BkpTz *tz, const BkpPolicy *p, const char *key, int64_t t)
{
    char buf[BKP_CLOCK_MAX];
    jw_key(w, key);
    jw_obj(w);
    jw_key(w, "local");
    jw_str(w, when(tz, p, t, BKP_CLOCK_ISO, buf, sizeof buf));
    jw_key(w, "utc");
    jw_str(w, bkp_fmt_utc(t, buf, sizeof buf));
    jw_end_obj(w);
}

static void jw_count(JsonW *w, const char *key, int64_t v)
{
    jw_key(w, key);
    jw_int(w, v);
}

static void json_effect(BkpTz *tz, const BkpPolicyChange *c, JsonW *w)
{
    const BkpEffect *e = &c->effect;
    jw_key(w, "effect");
    jw_obj(w);
    jw_count(w, "existing", (int64_t)e->existing);
    jw_count(w, "deleted", (int64_t)e->ndeleted);
    jw_key(w, "deleted_by_kind");
    jw_obj(w);
    for (int k = 0; k < BKP_WHY_COUNT; k++) {
        const BkpDeleted *d = &e->deleted[k];
        if (!d->count)
            continue;
        jw_key(w, bkp_why_name((BkpWhy)k));
        jw_obj(w);
        jw_count(w, "count", (int64_t)d->count);
        jw_instant(w, tz, c->old, "oldest", d->oldest);
        jw_instant(w, tz, c->old, "newest", d->newest);
        jw_end_obj(w);
    }
    jw_end_obj(w);
    jw_count(w, "deleted_with_snapshot", (int64_t)e->with_snapshot);
    if (e->with_snapshot)
        jw_instant(w, tz, c->old, "deleted_with_snapshot_by", e->with_snapshot_by);
    jw_count(w, "snapshots_dropped", (int64_t)e->snapshots_dropped);
    jw_count(w, "expire_earlier", (int64_t)e->earlier);
    jw_count(w, "most_earlier_seconds", e->most_earlier);
    jw_count(w, "expire_later", (int64_t)e->later);
    jw_count(w, "most_later_seconds", e->most_later);
    jw_instant(w, tz, c->old, "settled", e->settled);
    jw_end_obj(w);
}

static void json_fields(const BkpPolicyChange *c, JsonW *w)
{
    FieldLine lines[BKP_FIELD_COUNT];
    int n = field_lines(c, lines);
    jw_key(w, "fields");
    jw_arr(w);
    for (int i = 0; i < n; i++) {
        jw_obj(w);
        jw_key(w, "field");
        jw_str(w, field_keys[lines[i].f]);
        jw_key(w, "name");
        jw_str(w, bkp_field_name(lines[i].f));
        jw_key(w, "old");
        jw_str(w, lines[i].old);
        jw_key(w, "new");
        jw_str(w, lines[i].new);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

static void json_change(BkpTz *tz, const BkpPolicyChange *c, JsonW *w)
{
    jw_obj(w);
    jw_key(w, "name");
    jw_str(w, c->name);
    jw_key(w, "change");
    jw_str(w, change_names[c->kind]);
    if (c->kind == BKP_CHANGE_CHANGED) {
        json_fields(c, w);
        jw_key(w, "refused");
        jw_bool(w, c->flags & BKP_REFUSED_TYPE);
        jw_key(w, "irreversible");
        jw_bool(w, c->flags & BKP_REFUSED_DOWNGRADE);
        jw_key(w, "shortens_retention");
        jw_bool(w, c->flags & BKP_SHORTENS);
        if (c->effect.computed) {
            jw_instant(w, tz, c->old, "at", c->at);
            json_effect(tz, c, w);
        }
    }
    jw_end_obj(w);
}

int bkp_diff_json(BkpTz *tz, const BkpDiff *d, FILE *out)
{
    char buf[BKP_CLOCK_MAX];
    JsonW w;
    jw_init_file(&w, out, JW_UTF8);
    jw_obj(&w);
    jw_key(&w, "at");
    jw_str(&w, bkp_fmt_utc(d->at, buf, sizeof buf));
    jw_key(&w, "different");
    jw_bool(&w, d->n > 0);
    jw_key(&w, "loses_points");
    jw_bool(&w, bkp_diff_loses(d));
    jw_key(&w, "policies");
    jw_arr(&w);
    for (int i = 0; i < d->n; i++)
        json_change(tz, &d->changes[i], &w);
    jw_end_arr(&w);
    jw_end_obj(&w);
    jw_raw(&w, "\n", 1);
    return jw_finish(&w);
}
