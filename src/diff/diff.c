/* diff.c — two programs' policies matched by name, the fields that differ
 * in words, and what Azure refuses (see include/bkpc/diff.h). */
#include "bkpc/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/sched.h"

/* ---- fields in words ----------------------------------------------------------------- */

/* "1 day", "180 days": the interpreter's words for a length. */
static void count_words(char *buf, size_t n, int count, BkpUnit u)
{
    bkp_keep_text((BkpKeep){count, u}, buf, n);
}

/* "on the first and third Saturday", "on day 1, 15 and last"; yearly:
 * "in January and July ..." first. */
static void longterm_words(const BkpLongTerm *lt, bool yearly, char *buf, size_t n)
{
    char a[160], b[160], m[160] = "";
    if (yearly)
        snprintf(m, sizeof m, "in %s ",
                 bkp_words_join(a, sizeof a, BKP_WORD_MONTH, lt->months, BKP_SPELL_PROSE, ", ", " and "));
    if (lt->format == BKP_FORMAT_DAILY)
        snprintf(buf, n, "%son day %s", m,
                 bkp_words_join(a, sizeof a, BKP_WORD_DAY, bkp_longterm_dates(lt), BKP_SPELL_PROSE, ", ", " and "));
    else
        snprintf(buf, n, "%son the %s %s", m,
                 bkp_words_join(a, sizeof a, BKP_WORD_WEEK, lt->weeks, BKP_SPELL_PROSE, ", ", " and "),
                 bkp_words_join(b, sizeof b, BKP_WORD_WEEKDAY, lt->days, BKP_SPELL_PROSE, ", ", " and "));
}

/* The points a rule keeps, for `whole` (the count's own words first). */
static void rule_words(const BkpPolicy *p, BkpField f, char *buf, size_t n)
{
    size_t k = strlen(buf);
    char days[160];
    if (f == BKP_FIELD_WEEKLY)
        snprintf(buf + k, n - k, " on %s",
                 bkp_words_join(days, sizeof days, BKP_WORD_WEEKDAY, p->weekly.days, BKP_SPELL_PROSE, ", ", " and "));
    else if (f == BKP_FIELD_MONTHLY || f == BKP_FIELD_YEARLY) {
        buf[k++] = ' ';
        longterm_words(f == BKP_FIELD_MONTHLY ? &p->monthly : &p->yearly, f == BKP_FIELD_YEARLY, buf + k, n - k);
    }
}

char *bkp_field_words(const BkpPolicy *p, BkpField f, bool whole, char *buf, size_t n)
{
    char days[160];
    if (!bkp_policy_has(p, f)) {
        snprintf(buf, n, "%s", f == BKP_FIELD_SNAPSHOT_RG ? "Azure's default" : "none");
        return buf;
    }
    switch (f) {
    case BKP_FIELD_NAME: snprintf(buf, n, "%s", p->name); break;
    case BKP_FIELD_TYPE: snprintf(buf, n, "%s", p->enhanced ? "enhanced" : "standard"); break;
    case BKP_FIELD_TIMEZONE: snprintf(buf, n, "%s", p->timezone); break;
    case BKP_FIELD_SCHEDULE: bkp_sched_describe(p, buf, n); break;
    case BKP_FIELD_SNAPSHOTS: count_words(buf, n, p->snapshot_days, BKP_DAYS); break;
    case BKP_FIELD_DAILY: count_words(buf, n, p->daily.days, BKP_DAYS); break;
    case BKP_FIELD_WEEKLY: count_words(buf, n, p->weekly.weeks, BKP_WEEKS); break;
    case BKP_FIELD_WEEKLY_DAYS:
        snprintf(buf, n, "on %s",
                 bkp_words_join(days, sizeof days, BKP_WORD_WEEKDAY, p->weekly.days, BKP_SPELL_PROSE, ", ", " and "));
        break;
    case BKP_FIELD_MONTHLY: count_words(buf, n, p->monthly.count, BKP_MONTHS); break;
    case BKP_FIELD_MONTHLY_ON: longterm_words(&p->monthly, false, buf, n); break;
    case BKP_FIELD_YEARLY: count_words(buf, n, p->yearly.count, BKP_YEARS); break;
    case BKP_FIELD_YEARLY_ON: longterm_words(&p->yearly, true, buf, n); break;
    case BKP_FIELD_ARCHIVE:
        if (p->archive == BKP_ARCHIVE_AFTER)
            snprintf(buf, n, "after %s", bkp_keep_text((BkpKeep){p->archive_months, BKP_MONTHS}, days, sizeof days));
        else
            snprintf(buf, n, "%s", p->archive == BKP_ARCHIVE_NEVER ? "never" : "recommended");
        break;
    case BKP_FIELD_SNAPSHOT_RG:
        if (p->snapshot_rg_suffix)
            snprintf(buf, n, "\"%s\" suffix \"%s\"", p->snapshot_rg_prefix, p->snapshot_rg_suffix);
        else
            snprintf(buf, n, "\"%s\"", p->snapshot_rg_prefix);
        break;
    case BKP_FIELD_CONSISTENCY:
        snprintf(buf, n, "%s", p->crash_consistent ? "crash-consistent" : "application-consistent");
        break;
    case BKP_FIELD_COUNT: buf[0] = '\0'; break;
    }
    if (whole)
        rule_words(p, f, buf, n);
    return buf;
}

/* ---- what Azure refuses -------------------------------------------------------------- */

static unsigned flags(const BkpPolicy *old, const BkpPolicy *new)
{
    unsigned f = 0;
    if (old->enhanced != new->enhanced)
        f |= BKP_REFUSED_TYPE | (old->enhanced ? BKP_REFUSED_DOWNGRADE : 0);
    for (int w = 0; w < BKP_WHY_COUNT; w++)
        if (bkp_keep(new, (BkpWhy)w).count < bkp_keep(old, (BkpWhy)w).count)   /* one unit per rule */
            f |= BKP_SHORTENS;
    return f;
}

/* ---- matching ---------------------------------------------------------------------------- */

static BkpPolicyChange *add(BkpDiff *d, BkpChangeKind kind, const BkpPolicy *old, const BkpPolicy *new)
{
    BkpPolicyChange *c = &d->changes[d->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->name = (new ? new : old)->name;
    c->old = old;
    c->new = new;
    c->at = d->at;
    return c;
}

int bkp_diff(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, int64_t at, unsigned scope,
             BkpDiff *out)
{
    memset(out, 0, sizeof *out);
    out->at = at;
    out->scope = scope;
    size_t most = (size_t)old->npolicies + (size_t)new->npolicies;
    out->changes = calloc(most ? most : 1, sizeof *out->changes);
    if (!out->changes)
        return -1;
    for (const BkpPolicy *q = new->policies; q; q = q->next) {
        const BkpPolicy *p = bkp_program_find(old, q->name);
        if (!p) {
            add(out, BKP_CHANGE_ADDED, NULL, q);
            continue;
        }
        BkpField fields[BKP_FIELD_COUNT];
        int n = bkp_policy_diff(p, q, fields);
        if (n == 0)
            continue;
        BkpPolicyChange *c = add(out, BKP_CHANGE_CHANGED, p, q);
        memcpy(c->fields, fields, sizeof fields);
        c->nfields = n;
        c->flags = flags(p, q);
        if (!(c->flags & BKP_REFUSED_TYPE) && bkp_diff_effect(tz, p, q, at, &c->effect) != 0) {
            bkp_diff_free(out);
            return -1;
        }
    }
    for (const BkpPolicy *p = old->policies; p; p = p->next)
        if (!bkp_program_find(new, p->name))
            add(out, BKP_CHANGE_REMOVED, p, NULL);
    if (bkp_diff_deploy(tz, old, new, out) != 0) {
        bkp_diff_free(out);
        return -1;
    }
    return 0;
}

void bkp_diff_free(BkpDiff *d)
{
    free(d->changes);
    free(d->vaults);
    free(d->protects);
    memset(d, 0, sizeof *d);
}

bool bkp_diff_differs(const BkpDiff *d)
{
    return d->n || d->nvaults || d->nprotects;
}

static bool effect_loses(const BkpEffect *e)
{
    return e->ndeleted || e->with_snapshot;
}

bool bkp_diff_loses(const BkpDiff *d)
{
    for (int i = 0; i < d->n; i++)
        if ((d->changes[i].flags & BKP_REFUSED_TYPE) || effect_loses(&d->changes[i].effect))
            return true;
    for (int i = 0; i < d->nprotects; i++) {
        const BkpProtectChange *c = &d->protects[i];
        if (c->kind == BKP_CHANGE_REMOVED || (c->flags & BKP_REFUSED_DOWNGRADE) || effect_loses(&c->effect))
            return true;
    }
    return false;
}
