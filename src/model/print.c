/* print.c — canonical .bkp text: the writer and its layout, and the printer
 * of checked values (see include/bkpc/print.h).
 *
 * Every word comes from the lexicon (keywords.def, bkp_word_name), every
 * clause's shape from one table, `clauses`, in canonical order.
 */
#include "bkpc/print.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/sched.h"

/* ---- the writer ---------------------------------------------------------------- */

void bkp_pr_init(BkpPrinter *pr)
{
    memset(pr, 0, sizeof *pr);
}

void bkp_pr_free(BkpPrinter *pr)
{
    free(pr->data);
    free(pr->marks);
    bkp_pr_init(pr);
}

static void fail(BkpPrinter *pr, int err)
{
    if (!pr->err)
        pr->err = err;
}

static void put(BkpPrinter *pr, const char *s, size_t n)
{
    if (pr->err)
        return;
    if (pr->len + n + 1 > pr->cap) {
        size_t cap = pr->cap ? pr->cap : 256;
        while (cap < pr->len + n + 1)
            cap *= 2;
        char *d = realloc(pr->data, cap);
        if (!d) {
            fail(pr, ENOMEM);
            return;
        }
        pr->data = d;
        pr->cap = cap;
    }
    memcpy(pr->data + pr->len, s, n);
    pr->len += n;
    pr->data[pr->len] = '\0';
}

static void put_str(BkpPrinter *pr, const char *s) { put(pr, s, strlen(s)); }

/* Where the next token goes: the indentation at the start of a line, else
 * one space (none right after a list separator). */
static void lead(BkpPrinter *pr)
{
    if (pr->eol_pending)
        bkp_pr_end_line(pr);
    if (!pr->in_line) {
        for (int i = 0; i < pr->depth * BKP_LAYOUT_INDENT; i++)
            put(pr, " ", 1);
        pr->in_line = true;
    } else if (!pr->glued) {
        put(pr, " ", 1);
    }
    pr->glued = false;
}

void bkp_pr_text(BkpPrinter *pr, const char *text, size_t n)
{
    lead(pr);
    put(pr, text, n);
}

void bkp_pr_token(BkpPrinter *pr, const char *text) { bkp_pr_text(pr, text, strlen(text)); }

void bkp_pr_keyword(BkpPrinter *pr, BkpKeyword k) { bkp_pr_token(pr, bkp_keyword_text(k)); }

void bkp_pr_list_sep(BkpPrinter *pr)
{
    put_str(pr, BKP_LAYOUT_LIST_SEP);
    pr->glued = true;
}

bool bkp_string_printable(const char *s)
{
    return !s || !strchr(s, '\n');
}

void bkp_pr_string(BkpPrinter *pr, const char *s)
{
    if (!s)
        s = "";
    if (!bkp_string_printable(s))
        fail(pr, EINVAL);
    lead(pr);
    put(pr, "\"", 1);
    for (const char *run = s;; s++) {
        if (*s == '"' || *s == '\\' || !*s) {
            put(pr, run, (size_t)(s - run));
            if (!*s)
                break;
            put(pr, "\\", 1);
            run = s;            /* the character itself goes with the next run */
        }
    }
    put(pr, "\"", 1);
}

void bkp_pr_name(BkpPrinter *pr, const char *name)
{
    if (bkp_name_is_bare(name))
        bkp_pr_token(pr, name);
    else
        bkp_pr_string(pr, name);
}

void bkp_pr_duration(BkpPrinter *pr, int n, BkpUnit u)
{
    if (n < 0)
        fail(pr, EINVAL);
    char buf[32];
    snprintf(buf, sizeof buf, "%d%s", n, bkp_word_name(BKP_WORD_UNIT, u, BKP_SPELL_BKP));
    bkp_pr_token(pr, buf);
}

void bkp_pr_time(BkpPrinter *pr, int minute)
{
    if (minute < 0 || minute >= 24 * 60)
        fail(pr, EINVAL);
    char buf[6];
    bkp_pr_token(pr, bkp_fmt_hhmm(minute, buf));
}

void bkp_pr_words(BkpPrinter *pr, BkpWordKind kind, uint32_t set)
{
    char buf[256];
    bkp_words_join(buf, sizeof buf, kind, set, BKP_SPELL_BKP, BKP_LAYOUT_LIST_SEP, NULL);
    if (!buf[0] || strchr(buf, '?'))
        fail(pr, EINVAL);       /* an empty list, or a value that has no word */
    bkp_pr_token(pr, buf);
}

void bkp_pr_end_line(BkpPrinter *pr)
{
    if (pr->in_line)
        put(pr, "\n", 1);
    pr->in_line = pr->glued = pr->eol_pending = false;
}

/* The braces end their line, but a comment may still follow them on it. */
void bkp_pr_open(BkpPrinter *pr)
{
    bkp_pr_token(pr, "{");
    pr->eol_pending = true;
    pr->depth++;
}

void bkp_pr_close(BkpPrinter *pr)
{
    bkp_pr_end_line(pr);
    if (pr->depth > 0)
        pr->depth--;
    bkp_pr_token(pr, "}");
    pr->eol_pending = true;
}

void bkp_pr_blank_line(BkpPrinter *pr)
{
    bkp_pr_end_line(pr);
    if (pr->len && !(pr->len >= 2 && pr->data[pr->len - 2] == '\n'))
        put(pr, "\n", 1);
}

/* Remembers that a comment follows the tokens of the current line, which
 * end here: bkp_pr_finish() aligns it with its neighbours. */
static void mark_comment(BkpPrinter *pr)
{
    if (pr->err)
        return;
    if (pr->nmarks == pr->capmarks) {
        size_t cap = pr->capmarks ? pr->capmarks * 2 : 16;
        size_t *m = realloc(pr->marks, cap * sizeof *m);
        if (!m) {
            fail(pr, ENOMEM);
            return;
        }
        pr->marks = m;
        pr->capmarks = cap;
    }
    pr->marks[pr->nmarks++] = pr->len;
}

void bkp_pr_comment(BkpPrinter *pr, const char *text, size_t n)
{
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r'))
        n--;
    if (pr->in_line) {
        mark_comment(pr);
        put(pr, "  ", 2);
    } else {
        lead(pr);
    }
    put(pr, text, n);
    pr->in_line = true;
    bkp_pr_end_line(pr);
}

/* Characters of s[0..n): UTF-8 continuation bytes do not count. */
static size_t text_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Where the line that mark m ends starts. */
static size_t mark_line(const BkpPrinter *pr, size_t m)
{
    while (m > 0 && pr->data[m - 1] != '\n')
        m--;
    return m;
}

/* The width of the tokens of the line that mark m ends. */
static size_t mark_width(const BkpPrinter *pr, size_t m)
{
    size_t start = mark_line(pr, m);
    return text_width(pr->data + start, m - start);
}

/* Whether marks a < b are on consecutive lines (one newline between them:
 * a comment ends its line, and no token holds a newline) with the same
 * indentation. */
static bool marks_adjacent(const BkpPrinter *pr, size_t a, size_t b)
{
    int lines = 0;
    for (size_t i = a; i < b && lines < 2; i++)
        lines += pr->data[i] == '\n';
    size_t la = mark_line(pr, a), lb = mark_line(pr, b);
    return lines == 1 && strspn(pr->data + la, " ") == strspn(pr->data + lb, " ");
}

/* pad[i]: the blanks that align the comment of mark i with those of the
 * consecutive lines around it (a run: two spaces after the widest line).
 * Returns how many in all. */
static size_t comment_pads(const BkpPrinter *pr, size_t *pad)
{
    size_t total = 0;
    for (size_t i = 0, j; i < pr->nmarks; i = j) {
        size_t widest = mark_width(pr, pr->marks[i]);
        pad[i] = widest;
        for (j = i + 1; j < pr->nmarks && marks_adjacent(pr, pr->marks[j - 1], pr->marks[j]); j++) {
            pad[j] = mark_width(pr, pr->marks[j]);
            if (pad[j] > widest)
                widest = pad[j];
        }
        for (size_t k = i; k < j; k++) {
            pad[k] = widest - pad[k];
            total += pad[k];
        }
    }
    return total;
}

/* Aligns the comments that follow the tokens of consecutive lines. */
static void align_comments(BkpPrinter *pr)
{
    if (pr->err || pr->nmarks < 2)
        return;
    size_t *pad = malloc(pr->nmarks * sizeof *pad);
    size_t extra = pad ? comment_pads(pr, pad) : 0;
    char *d = extra ? malloc(pr->len + extra + 1) : NULL;
    if (!pad || (extra && !d)) {
        free(pad);
        fail(pr, ENOMEM);
        return;
    }
    if (d) {
        size_t from = 0, at = 0;
        for (size_t i = 0; i < pr->nmarks; i++) {
            memcpy(d + at, pr->data + from, pr->marks[i] - from);
            at += pr->marks[i] - from;
            memset(d + at, ' ', pad[i]);
            at += pad[i];
            from = pr->marks[i];
        }
        memcpy(d + at, pr->data + from, pr->len - from + 1);
        free(pr->data);
        pr->data = d;
        pr->len += extra;
        pr->cap = pr->len + 1;
    }
    free(pad);
}

char *bkp_pr_finish(BkpPrinter *pr, size_t *len)
{
    bkp_pr_end_line(pr);
    put(pr, "", 0);             /* an empty text is "", not NULL */
    align_comments(pr);
    free(pr->marks);
    int err = pr->err;
    char *text = err ? NULL : pr->data;
    if (len)
        *len = err ? 0 : pr->len;
    if (err)
        free(pr->data);
    bkp_pr_init(pr);
    if (err)
        errno = err;
    return text;
}

/* ---- checked values ------------------------------------------------------------ */

enum { NO_FREQ = -1 };

/* One clause kind: its leading keywords, then the fields it holds. A
 * schedule field writes its own keywords (`every`, `daily`, `weekly`); a
 * schedule row applies to the policies of its frequency only. */
typedef struct ClauseRow {
    AstClauseKind kind;
    int freq;                   /* BkpFreq, or NO_FREQ */
    int nkw;
    BkpKeyword kw[2];
    int nfields;
    BkpField fields[2];
} ClauseRow;

/* The canonical order of a policy's clauses. */
static const ClauseRow clauses[] = {
    {AST_TYPE, NO_FREQ, 0, {0}, 1, {BKP_FIELD_TYPE}},
    {AST_TIMEZONE, NO_FREQ, 1, {BKP_KW_TIMEZONE}, 1, {BKP_FIELD_TIMEZONE}},
    {AST_EVERY, BKP_FREQ_HOURLY, 0, {0}, 1, {BKP_FIELD_SCHEDULE}},
    {AST_DAILY, BKP_FREQ_DAILY, 0, {0}, 1, {BKP_FIELD_SCHEDULE}},
    {AST_WEEKLY, BKP_FREQ_WEEKLY, 0, {0}, 1, {BKP_FIELD_SCHEDULE}},
    {AST_KEEP_SNAPSHOTS, NO_FREQ, 2, {BKP_KW_KEEP, BKP_KW_SNAPSHOTS}, 1, {BKP_FIELD_SNAPSHOTS}},
    {AST_KEEP_DAILY, NO_FREQ, 2, {BKP_KW_KEEP, BKP_KW_DAILY}, 1, {BKP_FIELD_DAILY}},
    {AST_KEEP_WEEKLY, NO_FREQ, 2, {BKP_KW_KEEP, BKP_KW_WEEKLY}, 2, {BKP_FIELD_WEEKLY, BKP_FIELD_WEEKLY_DAYS}},
    {AST_KEEP_MONTHLY, NO_FREQ, 2, {BKP_KW_KEEP, BKP_KW_MONTHLY}, 2, {BKP_FIELD_MONTHLY, BKP_FIELD_MONTHLY_ON}},
    {AST_KEEP_YEARLY, NO_FREQ, 2, {BKP_KW_KEEP, BKP_KW_YEARLY}, 2, {BKP_FIELD_YEARLY, BKP_FIELD_YEARLY_ON}},
    {AST_ARCHIVE, NO_FREQ, 1, {BKP_KW_ARCHIVE}, 1, {BKP_FIELD_ARCHIVE}},
    {AST_SNAPSHOT_RG, NO_FREQ, 2, {BKP_KW_SNAPSHOT, BKP_KW_RESOURCE_GROUP}, 1, {BKP_FIELD_SNAPSHOT_RG}},
    {AST_CONSISTENCY, NO_FREQ, 1, {BKP_KW_CONSISTENCY}, 1, {BKP_FIELD_CONSISTENCY}},
};
enum { NCLAUSES = sizeof clauses / sizeof clauses[0] };

static const ClauseRow *clause_row(AstClauseKind k)
{
    for (int i = 0; i < NCLAUSES; i++)
        if (clauses[i].kind == k)
            return &clauses[i];
    return NULL;
}

int bkp_layout_rank(AstClauseKind k)
{
    int rank = 0;
    for (int i = 0; i < NCLAUSES; i++) {
        if (i > 0 && !(clauses[i].freq != NO_FREQ && clauses[i - 1].freq != NO_FREQ))
            rank++;
        if (clauses[i].kind == k)
            return rank;
    }
    return rank + 1;
}

static void print_schedule(BkpPrinter *pr, const BkpPolicy *p)
{
    switch (p->freq) {
    case BKP_FREQ_HOURLY:
        bkp_pr_keyword(pr, BKP_KW_EVERY);
        bkp_pr_duration(pr, p->interval_hours, BKP_HOURS);
        bkp_pr_keyword(pr, BKP_KW_FROM);
        bkp_pr_time(pr, p->time);
        bkp_pr_keyword(pr, BKP_KW_FOR);
        bkp_pr_duration(pr, p->window_hours, BKP_HOURS);
        return;
    case BKP_FREQ_DAILY:
        bkp_pr_keyword(pr, BKP_KW_DAILY);
        break;
    case BKP_FREQ_WEEKLY:
        bkp_pr_keyword(pr, BKP_KW_WEEKLY);
        bkp_pr_keyword(pr, BKP_KW_ON);
        bkp_pr_words(pr, BKP_WORD_WEEKDAY, p->run_days);
        break;
    }
    bkp_pr_keyword(pr, BKP_KW_AT);
    bkp_pr_time(pr, p->time);
}

/* `in MONTHS` (yearly) and `on ...` of a monthly or yearly rule. */
static void print_longterm_on(BkpPrinter *pr, const BkpLongTerm *lt, bool yearly)
{
    if (yearly) {
        bkp_pr_keyword(pr, BKP_KW_IN);
        bkp_pr_words(pr, BKP_WORD_MONTH, lt->months);
    }
    bkp_pr_keyword(pr, BKP_KW_ON);
    if (lt->format == BKP_FORMAT_DAILY) {
        bkp_pr_keyword(pr, BKP_KW_DAY);
        bkp_pr_words(pr, BKP_WORD_DAY, bkp_longterm_dates(lt));
    } else {
        bkp_pr_words(pr, BKP_WORD_WEEK, lt->weeks);
        bkp_pr_words(pr, BKP_WORD_WEEKDAY, lt->days);
    }
}

static void print_archive(BkpPrinter *pr, const BkpPolicy *p)
{
    switch (p->archive) {
    case BKP_ARCHIVE_NEVER: bkp_pr_keyword(pr, BKP_KW_NEVER); break;
    case BKP_ARCHIVE_RECOMMENDED: bkp_pr_keyword(pr, BKP_KW_RECOMMENDED); break;
    case BKP_ARCHIVE_AFTER:
        bkp_pr_keyword(pr, BKP_KW_AFTER);
        bkp_pr_duration(pr, p->archive_months, BKP_MONTHS);
        break;
    }
}

/* The word of the default consistency: not a keyword (`consistency` takes
 * any word, and the checker knows `application`). */
static const char application_word[] = "application";

bool bkp_print_field(BkpPrinter *pr, const BkpPolicy *p, BkpField f)
{
    if (!bkp_policy_has(p, f))
        return false;
    switch (f) {
    case BKP_FIELD_NAME: bkp_pr_name(pr, p->name); break;
    case BKP_FIELD_TYPE: bkp_pr_keyword(pr, p->enhanced ? BKP_KW_ENHANCED : BKP_KW_STANDARD); break;
    case BKP_FIELD_TIMEZONE: bkp_pr_string(pr, p->timezone); break;
    case BKP_FIELD_SCHEDULE: print_schedule(pr, p); break;
    case BKP_FIELD_SNAPSHOTS: bkp_pr_duration(pr, p->snapshot_days, BKP_DAYS); break;
    case BKP_FIELD_DAILY: bkp_pr_duration(pr, p->daily.days, BKP_DAYS); break;
    case BKP_FIELD_WEEKLY: bkp_pr_duration(pr, p->weekly.weeks, BKP_WEEKS); break;
    case BKP_FIELD_WEEKLY_DAYS:
        bkp_pr_keyword(pr, BKP_KW_ON);
        bkp_pr_words(pr, BKP_WORD_WEEKDAY, p->weekly.days);
        break;
    case BKP_FIELD_MONTHLY: bkp_pr_duration(pr, p->monthly.count, BKP_MONTHS); break;
    case BKP_FIELD_MONTHLY_ON: print_longterm_on(pr, &p->monthly, false); break;
    case BKP_FIELD_YEARLY: bkp_pr_duration(pr, p->yearly.count, BKP_YEARS); break;
    case BKP_FIELD_YEARLY_ON: print_longterm_on(pr, &p->yearly, true); break;
    case BKP_FIELD_ARCHIVE: print_archive(pr, p); break;
    case BKP_FIELD_SNAPSHOT_RG:
        bkp_pr_string(pr, p->snapshot_rg_prefix);
        if (p->snapshot_rg_suffix) {
            bkp_pr_keyword(pr, BKP_KW_SUFFIX);
            bkp_pr_string(pr, p->snapshot_rg_suffix);
        }
        break;
    case BKP_FIELD_CONSISTENCY:
        if (p->crash_consistent)
            bkp_pr_keyword(pr, BKP_KW_CRASH);
        else
            bkp_pr_token(pr, application_word);
        break;
    case BKP_FIELD_COUNT: return false;
    }
    return true;
}

static bool row_applies(const ClauseRow *r, const BkpPolicy *p)
{
    return (r->freq == NO_FREQ || r->freq == (int)p->freq) && bkp_policy_has(p, r->fields[0]);
}

static void print_row(BkpPrinter *pr, const ClauseRow *r, const BkpPolicy *p)
{
    for (int i = 0; i < r->nkw; i++)
        bkp_pr_keyword(pr, r->kw[i]);
    for (int i = 0; i < r->nfields; i++)
        bkp_print_field(pr, p, r->fields[i]);
    bkp_pr_end_line(pr);
}

bool bkp_print_clause(BkpPrinter *pr, const BkpPolicy *p, AstClauseKind k)
{
    const ClauseRow *r = clause_row(k);
    if (!r || !row_applies(r, p))
        return false;
    bkp_pr_end_line(pr);
    print_row(pr, r, p);
    return true;
}

/* `for SPAN`: the count and its unit's letter, as written. */
static void print_span(BkpPrinter *pr, BkpLength l)
{
    bkp_pr_keyword(pr, BKP_KW_FOR);
    bkp_pr_duration(pr, l.count, l.unit);
}

void bkp_print_require(BkpPrinter *pr, const BkpRequire *r)
{
    static const BkpKeyword period[] = {BKP_KW_DAILY, BKP_KW_WEEKLY, BKP_KW_MONTHLY, BKP_KW_YEARLY};
    static const char *const tier[] = {NULL, "snapshot", "vault-standard"};
    bkp_pr_end_line(pr);
    bkp_pr_keyword(pr, BKP_KW_REQUIRE);
    switch (r->kind) {
    case BKP_REQ_POINTS:
        bkp_pr_keyword(pr, period[r->period]);
        bkp_pr_keyword(pr, BKP_KW_POINTS);
        print_span(pr, r->span);
        if (tier[r->tier]) {
            bkp_pr_keyword(pr, BKP_KW_IN);
            bkp_pr_token(pr, tier[r->tier]);
        }
        break;
    case BKP_REQ_SNAPSHOTS:
        bkp_pr_keyword(pr, BKP_KW_SNAPSHOTS);
        print_span(pr, r->span);
        break;
    case BKP_REQ_RPO:
        bkp_pr_keyword(pr, BKP_KW_RPO);
        bkp_pr_duration(pr, r->rpo_hours, BKP_HOURS);
        if (r->span.count)
            print_span(pr, r->span);
        break;
    }
    bkp_pr_end_line(pr);
}

void bkp_print_policy(BkpPrinter *pr, const BkpPolicy *p)
{
    bkp_pr_end_line(pr);
    bkp_pr_keyword(pr, BKP_KW_POLICY);
    bkp_print_field(pr, p, BKP_FIELD_NAME);
    bkp_pr_open(pr);
    for (int i = 0; i < NCLAUSES; i++)
        if (row_applies(&clauses[i], p))
            print_row(pr, &clauses[i], p);
    for (const BkpRequire *r = p->requirements; r; r = r->next)
        bkp_print_require(pr, r);
    bkp_pr_close(pr);
}

void bkp_print_vault(BkpPrinter *pr, const BkpVault *v)
{
    bkp_pr_end_line(pr);
    bkp_pr_keyword(pr, BKP_KW_VAULT);
    bkp_pr_name(pr, v->name);
    bkp_pr_keyword(pr, BKP_KW_RESOURCE_GROUP);
    bkp_pr_name(pr, v->resource_group);
    if (v->subscription) {
        bkp_pr_keyword(pr, BKP_KW_SUBSCRIPTION);
        bkp_pr_name(pr, v->subscription);
    }
    if (v->npolicies > 0) {
        bkp_pr_keyword(pr, BKP_KW_WITH);
        for (int i = 0; i < v->npolicies; i++) {
            bkp_pr_name(pr, v->policies[i]->name);
            if (i + 1 < v->npolicies)
                bkp_pr_list_sep(pr);
        }
    }
    bkp_pr_end_line(pr);
}

/* A protect; `in VAULT` when name_vault. */
static void print_protect(BkpPrinter *pr, const BkpProtect *pt, bool name_vault)
{
    bkp_pr_end_line(pr);
    bkp_pr_keyword(pr, BKP_KW_PROTECT);
    bkp_pr_keyword(pr, BKP_KW_VM);
    bkp_pr_name(pr, pt->vm);
    bkp_pr_keyword(pr, BKP_KW_RESOURCE_GROUP);
    bkp_pr_name(pr, pt->resource_group);
    bkp_pr_keyword(pr, BKP_KW_WITH);
    bkp_pr_name(pr, pt->policy ? pt->policy->name : NULL);
    if (name_vault && pt->vault) {
        bkp_pr_keyword(pr, BKP_KW_IN);
        bkp_pr_name(pr, pt->vault->name);
    }
    if (pt->disks != BKP_DISKS_ALL) {
        bkp_pr_keyword(pr, pt->disks == BKP_DISKS_INCLUDE ? BKP_KW_INCLUDE : BKP_KW_EXCLUDE);
        bkp_pr_keyword(pr, BKP_KW_DISKS);
        uint64_t luns = bkp_protect_luns(pt);
        if (!luns)
            fail(pr, EINVAL);           /* `disks` needs a list */
        for (int lun = 0; lun < 64; lun++) {
            if (!(luns >> lun & 1))
                continue;
            char buf[12];
            snprintf(buf, sizeof buf, "%d", lun);
            bkp_pr_token(pr, buf);
            if (luns >> lun >> 1)
                bkp_pr_list_sep(pr);
        }
    }
    bkp_pr_end_line(pr);
}

void bkp_print_protect(BkpPrinter *pr, const BkpProtect *pt)
{
    print_protect(pr, pt, pt->vault && pt->vault->npolicies > 0);
}

void bkp_print_program(BkpPrinter *pr, const BkpProgram *prog)
{
    if (prog->vaults) {
        bkp_pr_blank_line(pr);
        for (const BkpVault *v = prog->vaults; v; v = v->next)
            bkp_print_vault(pr, v);
    } else if (prog->vault) {
        bkp_pr_blank_line(pr);
        bkp_print_vault(pr, prog->vault);
    }
    for (const BkpPolicy *p = prog->policies; p; p = p->next) {
        bkp_pr_blank_line(pr);
        bkp_print_policy(pr, p);
    }
    if (prog->protects)
        bkp_pr_blank_line(pr);
    for (const BkpProtect *pt = prog->protects; pt; pt = pt->next)
        print_protect(pr, pt, !bkp_program_one_vault(prog));
}

char *bkp_program_text(const BkpProgram *prog, size_t *len)
{
    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_print_program(&pr, prog);
    return bkp_pr_finish(&pr, len);
}

char *bkp_policy_text(const BkpPolicy *p, size_t *len)
{
    BkpPrinter pr;
    bkp_pr_init(&pr);
    bkp_print_policy(&pr, p);
    return bkp_pr_finish(&pr, len);
}

char *bkp_field_text(const BkpPolicy *p, BkpField f)
{
    BkpPrinter pr;
    bkp_pr_init(&pr);
    if (!bkp_print_field(&pr, p, f)) {
        bkp_pr_free(&pr);
        errno = 0;
        return NULL;
    }
    /* one line, without its newline */
    char *text = bkp_pr_finish(&pr, NULL);
    if (text)
        text[strcspn(text, "\n")] = '\0';
    return text;
}
