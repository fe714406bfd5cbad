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

/* The JSON keys and the text's words of each way a move changes. */
static const char *const move_keys[BKP_MOVE_COUNT] = {
    [BKP_MOVE_AT_ONCE] = "at_once", [BKP_MOVE_EARLIER] = "earlier", [BKP_MOVE_LATER] = "later",
    [BKP_MOVE_NO_LONGER] = "no_longer", [BKP_MOVE_NEWLY] = "newly"};
static const char *const move_words[BKP_MOVE_COUNT] = {
    [BKP_MOVE_AT_ONCE] = "move to vault-archive at once", [BKP_MOVE_EARLIER] = "move to vault-archive earlier",
    [BKP_MOVE_LATER] = "move to vault-archive later", [BKP_MOVE_NO_LONGER] = "no longer move to vault-archive",
    [BKP_MOVE_NEWLY] = "newly move to vault-archive"};

/* "2026-01-04 02:00", or "2026-01-04 02:00 to 2026-06-07 02:00". */
static char *range(BkpTz *tz, const BkpPolicy *p, int64_t first, int64_t last, char *buf, size_t n)
{
    char a[BKP_CLOCK_MAX], b[BKP_CLOCK_MAX];
    when(tz, p, first, 0, a, sizeof a);
    when(tz, p, last, 0, b, sizeof b);
    if (first == last)
        snprintf(buf, n, "%s", a);
    else
        snprintf(buf, n, "%s to %s", a, b);
    return buf;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static void text_archive(BkpTz *tz, const BkpPolicy *old, const BkpEffect *e, FILE *out)
{
    const BkpArchiveEffect *a = &e->archive;
    char r[2 * BKP_CLOCK_MAX + 8], q[2 * BKP_CLOCK_MAX + 8];
    if (a->archived) {
        fprintf(out, "    in vault-archive: %zu point%s, which stay there (Azure does not move points back to "
                "vault-standard)", a->archived, plural(a->archived));
        if (a->archived_deleted)
            fprintf(out, "; %zu of them deleted at once", a->archived_deleted);
        fputc('\n', out);
    }
    if (a->early_deleted.count)
        fprintf(out, "    early deletion charged: %zu point%s deleted at once less than %d days after moving to "
                "vault-archive, moved %s\n", a->early_deleted.count, plural(a->early_deleted.count),
                BKP_ARCHIVE_MIN_DAYS, range(tz, old, a->early_deleted.oldest, a->early_deleted.newest, r, sizeof r));
    if (a->early_expiring.count)
        fprintf(out, "    early deletion charged: %zu point%s now expire less than %d days after moving to "
                "vault-archive, moved %s\n", a->early_expiring.count, plural(a->early_expiring.count),
                BKP_ARCHIVE_MIN_DAYS, range(tz, old, a->early_expiring.oldest, a->early_expiring.newest, r, sizeof r));
    for (int k = 0; k < BKP_MOVE_COUNT; k++) {
        const BkpMoves *m = &a->moves[k];
        if (!m->count)
            continue;
        fprintf(out, "    %s: %zu point%s", move_words[k], m->count, plural(m->count));
        if (k != BKP_MOVE_AT_ONCE && m->now.count)
            fprintf(out, ", %s", range(tz, old, m->now.oldest, m->now.newest, r, sizeof r));
        if (m->was.count == m->count)
            fprintf(out, " (%s %s)", k == BKP_MOVE_EARLIER || k == BKP_MOVE_LATER ? "was" : "were to move",
                    range(tz, old, m->was.oldest, m->was.newest, q, sizeof q));
        else if (m->was.count)
            fprintf(out, " (%zu were to move %s, %zu never)", m->was.count,
                    range(tz, old, m->was.oldest, m->was.newest, q, sizeof q), m->count - m->was.count);
        fputc('\n', out);
    }
    if (a->assumed && (a->archived || a->nmoves))
        fprintf(out, "    archive recommended: every eligible point is counted as in or moving to vault-archive; "
                "Azure moves only those its recommendation picks from the VM's churn\n");
}

static void text_effect(BkpTz *tz, const BkpPolicy *old, int64_t at, const BkpEffect *e, FILE *out)
{
    char a[BKP_CLOCK_MAX], b[BKP_CLOCK_MAX];
    when(tz, old, at, 0, a, sizeof a);
    fprintf(out, "  the %zu recovery point%s that exist at %s (%s):\n", e->existing, e->existing == 1 ? "" : "s", a,
            old->timezone);
    if (!e->ndeleted && !e->with_snapshot)
        fprintf(out, "    none is deleted\n");
    for (int w = BKP_WHY_COUNT - 1; w >= 0; w--) {
        const BkpDeleted *d = &e->deleted[w];
        if (!d->count)
            continue;
        when(tz, old, d->oldest, 0, a, sizeof a);
        when(tz, old, d->newest, 0, b, sizeof b);
        fprintf(out, "    deleted at once: %zu %s point%s, taken %s%s%s\n", d->count, bkp_why_name((BkpWhy)w),
                d->count == 1 ? "" : "s", a, d->count > 1 ? " to " : "", d->count > 1 ? b : "");
    }
    if (e->with_snapshot) {
        when(tz, old, e->with_snapshot_by, 0, a, sizeof a);
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
    text_archive(tz, old, e, out);
    when(tz, old, e->settled, 0, a, sizeof a);
    if (e->settled > at)
        fprintf(out, "  fully in effect at %s: the last point it changes expires or moves, and the rules it "
                "changed are full\n", a);
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
        text_effect(tz, c->old, c->at, &c->effect, out);
    }
    if (c->flags & BKP_SHORTENS)
        fprintf(out, "  note: it shortens retention, which a vault with locked immutability refuses\n");
}

/* ---- vaults and protects, in words ---------------------------------------------------- */

static const char *const vault_keys[] = {"name", "resource_group", "subscription", "policies"};
static const char *const vault_words[] = {"name", "resource group", "subscription", "policies"};
static const char *const protect_keys[] = {"policy", "disks", "vault"};

/* Field k (BKP_VAULT_* bit index) of a vault in words; its policies as
 * "web-tier, db-tier" or "every policy". */
static const char *vault_value(const BkpVault *v, int k, char *buf, size_t n)
{
    if (k == 3) {
        if (!v->npolicies)
            return "every policy";
        size_t at = 0;
        buf[0] = 0;
        for (int i = 0; i < v->npolicies && at < n; i++)
            at += (size_t)snprintf(buf + at, n - at, "%s%s", i ? ", " : "", v->policies[i]->name);
        return buf;
    }
    const char *s = k == 0 ? v->name : k == 1 ? v->resource_group : v->subscription;
    return s ? s : "none";
}

/* "all", "include disks 0, 1", "exclude disks 2". */
static char *disks_words(const BkpProtect *p, char *buf, size_t n)
{
    if (p->disks == BKP_DISKS_ALL) {
        snprintf(buf, n, "all");
        return buf;
    }
    size_t k = (size_t)snprintf(buf, n, "%s disks", p->disks == BKP_DISKS_INCLUDE ? "include" : "exclude");
    uint64_t luns = bkp_protect_luns(p);
    const char *sep = " ";
    for (int i = 0; i < 64 && k < n; i++)
        if (luns >> i & 1) {
            k += (size_t)snprintf(buf + k, n - k, "%s%d", sep, i);
            sep = ", ";
        }
    return buf;
}

/* Field k (BKP_PROTECT_* bit index) of a protect in words. */
static const char *protect_value(const BkpProtect *p, int k, char *buf, size_t n)
{
    if (k == 2)
        return p->vault ? p->vault->name : "none";
    return k == 0 ? p->policy->name : disks_words(p, buf, n);
}

static void text_vault(const BkpVaultChange *c, FILE *out)
{
    const BkpVault *v = c->old ? c->old : c->new;
    fprintf(out, "vault %s (resource group %s", v->name, v->resource_group);
    if (v->subscription)
        fprintf(out, ", subscription %s", v->subscription);
    fprintf(out, "): %s\n", change_names[c->kind]);
    char a[400], b[400];
    for (int k = 0; k < 4; k++)
        if (c->fields >> k & 1)
            fprintf(out, "  %s: %s → %s\n", vault_words[k], vault_value(c->old, k, a, sizeof a),
                    vault_value(c->new, k, b, sizeof b));
    if (c->kind == BKP_CHANGE_CHANGED && (c->fields & BKP_VAULT_IDENTITY))
        fprintf(out, "  note: Azure does not rename a vault or move it with its recovery points: if this names "
                "another vault, the points its VMs have so far stay in the old one\n");
}

static void text_protect(BkpTz *tz, const BkpProtectChange *c, int64_t at, FILE *out)
{
    const BkpProtect *p = c->old ? c->old : c->new;
    char a[400], b[400];
    fprintf(out, "protect vm %s (resource group %s): %s", p->vm, p->resource_group, change_names[c->kind]);
    if (c->kind == BKP_CHANGE_ADDED)
        fprintf(out, ": newly protected by %s\n", p->policy->name);
    else if (c->kind == BKP_CHANGE_REMOVED)
        fprintf(out, ": no longer protected (it was by %s); its recovery points are kept or deleted as "
                "protection is stopped\n", p->policy->name);
    else
        fputc('\n', out);
    for (int k = 0; k < 3; k++)
        if (c->fields >> k & 1)
            fprintf(out, "  %s: %s → %s\n", protect_keys[k], protect_value(c->old, k, a, sizeof a),
                    protect_value(c->new, k, b, sizeof b));
    if (c->fields & BKP_PROTECT_VAULT)
        fprintf(out, "  note: Azure protects a VM in one vault at a time: its protection in the old vault must be "
                "stopped first, and the recovery points it has there stay there, kept or deleted as protection "
                "is stopped\n");
    if (c->flags & BKP_REFUSED_DOWNGRADE)
        fprintf(out, "  refused: a VM protected by an enhanced policy can never move to a standard one (A4)\n");
    if (c->flags & BKP_UPGRADE)
        fprintf(out, "  cannot be undone: once protected by an enhanced policy, the VM can never go back to a "
                "standard one (A4)\n");
    if (c->effect.computed)
        text_effect(tz, c->old->policy, at, &c->effect, out);
    else if ((c->fields & BKP_PROTECT_POLICY) && !(c->fields & BKP_PROTECT_VAULT) &&
             !(c->flags & BKP_REFUSED_DOWNGRADE))
        fprintf(out, "  the two policies have the same values: its recovery points do not change\n");
}

int bkp_diff_text(BkpTz *tz, const BkpDiff *d, FILE *out)
{
    for (int i = 0; i < d->n; i++)
        text_change(tz, &d->changes[i], out);
    for (int i = 0; i < d->nvaults; i++)
        text_vault(&d->vaults[i], out);
    for (int i = 0; i < d->nprotects; i++)
        text_protect(tz, &d->protects[i], d->at, out);
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

/* {"count": N, KEYS[0]: instant, KEYS[1]: instant}: the instants only of a
 * set that has points ("oldest" and "newest" taken, "first" and "last"
 * else). */
static void json_dated(BkpTz *tz, const BkpPolicy *p, const char *key, const BkpDeleted *d,
                       const char *const keys[2], JsonW *w)
{
    jw_key(w, key);
    jw_obj(w);
    jw_count(w, "count", (int64_t)d->count);
    if (d->count) {
        jw_instant(w, tz, p, keys[0], d->oldest);
        jw_instant(w, tz, p, keys[1], d->newest);
    }
    jw_end_obj(w);
}

static const char *const first_last[2] = {"first", "last"};

static void json_archive(BkpTz *tz, const BkpPolicy *old, const BkpEffect *e, JsonW *w)
{
    const BkpArchiveEffect *a = &e->archive;
    jw_key(w, "archive");
    jw_obj(w);
    jw_count(w, "in_archive", (int64_t)a->archived);
    jw_count(w, "in_archive_deleted", (int64_t)a->archived_deleted);
    json_dated(tz, old, "early_deletion_at_once", &a->early_deleted, first_last, w);
    json_dated(tz, old, "early_deletion_later", &a->early_expiring, first_last, w);
    jw_count(w, "moves_changed", (int64_t)a->nmoves);
    jw_key(w, "moves");
    jw_obj(w);
    for (int k = 0; k < BKP_MOVE_COUNT; k++) {
        const BkpMoves *m = &a->moves[k];
        if (!m->count)
            continue;
        jw_key(w, move_keys[k]);
        jw_obj(w);
        jw_count(w, "count", (int64_t)m->count);
        json_dated(tz, old, "was", &m->was, first_last, w);
        json_dated(tz, old, "now", &m->now, first_last, w);
        jw_end_obj(w);
    }
    jw_end_obj(w);
    jw_key(w, "assumed");
    jw_bool(w, a->assumed);
    jw_end_obj(w);
}

static void json_effect(BkpTz *tz, const BkpPolicy *old, int64_t at, const BkpEffect *e, JsonW *w)
{
    jw_instant(w, tz, old, "at", at);
    jw_key(w, "effect");
    jw_obj(w);
    jw_count(w, "existing", (int64_t)e->existing);
    jw_count(w, "deleted", (int64_t)e->ndeleted);
    jw_key(w, "deleted_by_kind");
    jw_obj(w);
    static const char *const taken[2] = {"oldest", "newest"};
    for (int k = 0; k < BKP_WHY_COUNT; k++)
        if (e->deleted[k].count)
            json_dated(tz, old, bkp_why_name((BkpWhy)k), &e->deleted[k], taken, w);
    jw_end_obj(w);
    jw_count(w, "deleted_with_snapshot", (int64_t)e->with_snapshot);
    if (e->with_snapshot)
        jw_instant(w, tz, old, "deleted_with_snapshot_by", e->with_snapshot_by);
    jw_count(w, "snapshots_dropped", (int64_t)e->snapshots_dropped);
    jw_count(w, "expire_earlier", (int64_t)e->earlier);
    jw_count(w, "most_earlier_seconds", e->most_earlier);
    jw_count(w, "expire_later", (int64_t)e->later);
    jw_count(w, "most_later_seconds", e->most_later);
    jw_instant(w, tz, old, "settled", e->settled);
    json_archive(tz, old, e, w);
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
        if (c->effect.computed)
            json_effect(tz, c->old, c->at, &c->effect, w);
    }
    jw_end_obj(w);
}

/* One side of a vault or protect change: its value k in words (NULL: null). */
typedef const char *(*SideValue)(const void *side, int k, char *buf, size_t n);

static const char *vault_json(const void *side, int k, char *buf, size_t n)
{
    const BkpVault *v = side;
    return k == 2 && !v->subscription ? NULL : vault_value(v, k, buf, n);
}

static const char *protect_json(const void *side, int k, char *buf, size_t n)
{
    const BkpProtect *p = side;
    return k == 2 && !p->vault ? NULL : protect_value(p, k, buf, n);
}

/* KEY: null, or {keys[k]: value k} for each of the nkeys. */
static void json_side(const char *key, const void *side, const char *const keys[], int nkeys, SideValue value,
                      JsonW *w)
{
    char buf[400];
    jw_key(w, key);
    if (!side) {
        jw_null(w);
        return;
    }
    jw_obj(w);
    for (int k = 0; k < nkeys; k++) {
        const char *v = value(side, k, buf, sizeof buf);
        jw_key(w, keys[k]);
        if (v)
            jw_str(w, v);
        else
            jw_null(w);
    }
    jw_end_obj(w);
}

/* "fields": the keys of the bits of `fields`. */
static void json_field_keys(unsigned fields, const char *const keys[], int n, JsonW *w)
{
    jw_key(w, "fields");
    jw_arr(w);
    for (int k = 0; k < n; k++)
        if (fields >> k & 1)
            jw_str(w, keys[k]);
    jw_end_arr(w);
}

static void json_vault(const BkpVaultChange *c, JsonW *w)
{
    jw_obj(w);
    jw_key(w, "change");
    jw_str(w, change_names[c->kind]);
    json_side("old", c->old, vault_keys, 4, vault_json, w);
    json_side("new", c->new, vault_keys, 4, vault_json, w);
    json_field_keys(c->fields, vault_keys, 4, w);
    jw_end_obj(w);
}

static void json_protect(BkpTz *tz, const BkpProtectChange *c, int64_t at, JsonW *w)
{
    const BkpProtect *p = c->old ? c->old : c->new;
    jw_obj(w);
    jw_key(w, "vm");
    jw_str(w, p->vm);
    jw_key(w, "resource_group");
    jw_str(w, p->resource_group);
    jw_key(w, "change");
    jw_str(w, change_names[c->kind]);
    json_side("old", c->old, protect_keys, 3, protect_json, w);
    json_side("new", c->new, protect_keys, 3, protect_json, w);
    json_field_keys(c->fields, protect_keys, 3, w);
    jw_key(w, "refused");
    jw_bool(w, c->flags & BKP_REFUSED_DOWNGRADE);
    jw_key(w, "irreversible");
    jw_bool(w, c->flags & BKP_UPGRADE);
    if (c->effect.computed)
        json_effect(tz, c->old->policy, at, &c->effect, w);
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
    jw_bool(&w, bkp_diff_differs(d));
    jw_key(&w, "loses_points");
    jw_bool(&w, bkp_diff_loses(d));
    jw_key(&w, "policies");
    jw_arr(&w);
    for (int i = 0; i < d->n; i++)
        json_change(tz, &d->changes[i], &w);
    jw_end_arr(&w);
    jw_key(&w, "compared");
    jw_obj(&w);
    jw_key(&w, "vaults");
    jw_bool(&w, d->scope & BKP_DIFF_VAULTS);
    jw_key(&w, "protects");
    jw_bool(&w, d->scope & BKP_DIFF_PROTECTS);
    jw_end_obj(&w);
    jw_key(&w, "vaults");
    jw_arr(&w);
    for (int i = 0; i < d->nvaults; i++)
        json_vault(&d->vaults[i], &w);
    jw_end_arr(&w);
    jw_key(&w, "protects");
    jw_arr(&w);
    for (int i = 0; i < d->nprotects; i++)
        json_protect(tz, &d->protects[i], d->at, &w);
    jw_end_arr(&w);
    jw_end_obj(&w);
    jw_raw(&w, "\n", 1);
    return jw_finish(&w);
}
