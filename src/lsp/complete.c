/* complete.c — textDocument/completion: what may be written at the cursor,
 * from the tokens before it (bkp_lex: the file's own scanner, which reads
 * text that does not parse yet) and the lexicon's words.
 *
 *   where a clause can start   clause keywords (at the top level also the
 *                              statement keywords): first on a line, after
 *                              `{` or `}`, or at the start of the file
 *   after `keep`               the kinds: snapshots, daily, weekly, ...
 *   after `on`                 weekdays (schedules, keep weekly); weeks of
 *                              the month, weekdays and `day` (monthly, yearly)
 *   after a week of the month  weekdays
 *   after `in`                 months
 *   after `,`                  more of what stands before it
 *   after a number             units: `60` -> `60m`; `60 ` -> `months`
 *   `timezone "…`              Windows time-zone ids (and after `timezone`,
 *                              quoted)
 *   after `with`               the policy names of the file and of the files
 *                              it uses (also after `,` in a vault's list)
 *   after `archive`, `snapshot` the keywords that follow them
 *   after `policy|template NAME from`  the templates of the file and of
 *                              the files it uses
 *   after `use` (and in its string)  the .bkp files beside the document and
 *                              in the directories beside it
 *   after `require`            what may be required; then `points`, `for`
 *   after `in`                 months; in a `protect`, the vaults; in a
 *                              `require`, the tiers
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bkpc/clock.h"
#include "bkpc/lexicon.h"
#include "bkpc/parse.h"
#include "lsp_int.h"

/* CompletionItemKind */
enum { KIND_UNIT = 11, KIND_VALUE = 12, KIND_KEYWORD = 14, KIND_FILE = 17, KIND_REFERENCE = 18,
       KIND_ENUM_MEMBER = 20 };

/* ---- the tokens before the cursor ------------------------------------------------ */

typedef struct Scan {
    const BkpSource *src;
    uint32_t cursor;
    int depth;                 /* `{` ... `}` */
    BkpLexeme prev[2];         /* the tokens before the current one, newest first */
    int nprev;
    BkpLexeme cur;             /* the token the cursor is in or at the end of */
    bool has_cur;
    int clause;                /* the keyword that started the clause, or -1 */
    int kind;                  /* after `keep`: the kind's keyword, or -1 */
    bool in_comment;
} Scan;

static bool first_on_line(const BkpSource *src, uint32_t off);

static bool is_kw(const BkpLexeme *x, BkpKeyword k)
{
    return x->kind == BKP_LEXEME_KEYWORD && x->keyword == (int)k;
}

/* Keywords after which a name stands (a keyword there is a name). */
static bool takes_name(const BkpLexeme *x)
{
    static const BkpKeyword k[] = {BKP_KW_POLICY, BKP_KW_TEMPLATE, BKP_KW_VAULT, BKP_KW_VM, BKP_KW_RESOURCE_GROUP,
                                   BKP_KW_SUBSCRIPTION, BKP_KW_WITH, BKP_KW_FROM, BKP_KW_IN};
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (is_kw(x, k[i]))
            return true;
    return false;
}

static void push(Scan *sc, const BkpLexeme *x)
{
    BkpLexeme t = *x;
    bool stmt = t.kind == BKP_LEXEME_KEYWORD && (bkp_keyword_flags((BkpKeyword)t.keyword) & BKP_KWF_STMT) &&
                first_on_line(sc->src, t.span.off);     /* `policy p from` and a new line */
    if (t.kind == BKP_LEXEME_KEYWORD && !stmt && sc->nprev && takes_name(&sc->prev[0])) {
        t.kind = BKP_LEXEME_WORD;            /* `protect vm daily`: a name */
        t.keyword = -1;
    }
    if (t.kind == BKP_LEXEME_PUNCT && t.punct != ',') {
        sc->depth += t.punct == '{' ? 1 : sc->depth > 0 ? -1 : 0;
        sc->clause = sc->kind = -1;
    } else if (t.kind == BKP_LEXEME_KEYWORD) {
        unsigned f = bkp_keyword_flags((BkpKeyword)t.keyword);
        if (sc->nprev && (is_kw(&sc->prev[0], BKP_KW_KEEP) || is_kw(&sc->prev[0], BKP_KW_REQUIRE)))
            sc->kind = t.keyword;
        else if (f & (BKP_KWF_CLAUSE | BKP_KWF_STMT)) {
            sc->clause = t.keyword;
            sc->kind = -1;
        }
    }
    sc->prev[1] = sc->prev[0];
    sc->prev[0] = t;
    if (sc->nprev < 2)
        sc->nprev++;
}

static bool scan_one(void *user, const BkpLexeme *x)
{
    Scan *sc = user;
    if (x->span.off >= sc->cursor)
        return false;
    if (x->span.end < sc->cursor) {
        if (x->kind != BKP_LEXEME_COMMENT)
            push(sc, x);
        return true;
    }
    /* The cursor is inside x or at its end. */
    if (x->kind == BKP_LEXEME_COMMENT)
        sc->in_comment = true;
    else if (x->kind == BKP_LEXEME_PUNCT || (x->kind == BKP_LEXEME_STRING && !x->unterminated && x->span.end == sc->cursor))
        push(sc, x);             /* just after `,` or a closing quote */
    else {
        sc->cur = *x;
        sc->has_cur = true;
    }
    return false;
}

/* ---- items ------------------------------------------------------------------------- */

typedef struct Out {
    JsonW *w;
    BkpSource *src;
    BkpSpan range;             /* what an item replaces */
    const char *prefix;        /* items must start with it (case-insensitive); NULL: all */
    size_t nprefix;
    int n;
} Out;

static void item(Out *o, const char *label, int kind, const char *detail, const char *text, const char *sort)
{
    if (o->prefix && strncasecmp(label, o->prefix, o->nprefix) != 0)
        return;
    JsonW *w = o->w;
    jw_obj(w);
    jw_key(w, "label");
    jw_str(w, label);
    jw_key(w, "kind");
    jw_int(w, kind);
    if (detail) {
        jw_key(w, "detail");
        jw_str(w, detail);
    }
    if (sort) {
        jw_key(w, "sortText");
        jw_str(w, sort);
    }
    if (text && strcmp(text, label) != 0) {
        jw_key(w, "filterText");
        jw_str(w, text);
    }
    jw_key(w, "textEdit");
    jw_obj(w);
    jw_key(w, "range");
    lsp_write_range(w, o->src, o->range);
    jw_key(w, "newText");
    jw_str(w, text ? text : label);
    jw_end_obj(w);
    jw_end_obj(w);
    o->n++;
}

static void keywords(Out *o, unsigned flags)
{
    for (int k = 0; k < BKP_KW_COUNT; k++)
        if (bkp_keyword_flags((BkpKeyword)k) & flags)
            item(o, bkp_keyword_text((BkpKeyword)k), KIND_KEYWORD,
                 bkp_keyword_flags((BkpKeyword)k) & BKP_KWF_STMT ? "statement" : "clause", NULL, NULL);
}

/* The keywords that may follow `archive` or `snapshot`. */
static void next_keywords(Out *o, BkpKeyword k)
{
    static const BkpKeyword archive[] = {BKP_KW_RECOMMENDED, BKP_KW_AFTER, BKP_KW_NEVER};
    static const BkpKeyword snapshot[] = {BKP_KW_RESOURCE_GROUP};
    const BkpKeyword *v = k == BKP_KW_ARCHIVE ? archive : snapshot;
    size_t n = k == BKP_KW_ARCHIVE ? 3 : 1;
    for (size_t i = 0; i < n; i++)
        item(o, bkp_keyword_text(v[i]), KIND_KEYWORD, NULL, NULL, NULL);
}

static void kinds(Out *o)
{
    for (int k = 0; k < BKP_KW_COUNT; k++)
        if (bkp_keyword_flags((BkpKeyword)k) & BKP_KWF_KIND)
            item(o, bkp_keyword_text((BkpKeyword)k), KIND_KEYWORD, "kind of retention", NULL, NULL);
}

static void words(Out *o, BkpWordKind kind)
{
    static const char *const what[] = {"weekday", "month", "week of the month"};
    int n = bkp_word_count(kind);
    for (int v = 0; v < n; v++) {
        char detail[64];
        snprintf(detail, sizeof detail, "%s: %s", what[kind], bkp_word_name(kind, v, BKP_SPELL_PROSE));
        item(o, bkp_word_name(kind, v, BKP_SPELL_BKP), KIND_ENUM_MEMBER, detail, NULL, NULL);
    }
}

/* The unit the clause counts (docs/language.md §6.2), or BKP_UNIT_NONE. */
static BkpUnit clause_unit(const Scan *sc)
{
    switch (sc->clause) {
    case BKP_KW_EVERY: return BKP_HOURS;
    case BKP_KW_ARCHIVE: return BKP_MONTHS;
    case BKP_KW_REQUIRE: return sc->kind == BKP_KW_RPO ? BKP_HOURS : BKP_DAYS;
    case BKP_KW_KEEP:
        switch (sc->kind) {
        case BKP_KW_SNAPSHOTS:
        case BKP_KW_DAILY: return BKP_DAYS;
        case BKP_KW_WEEKLY: return BKP_WEEKS;
        case BKP_KW_MONTHLY: return BKP_MONTHS;
        case BKP_KW_YEARLY: return BKP_YEARS;
        default: return BKP_UNIT_NONE;
        }
    default: return BKP_UNIT_NONE;
    }
}

/* Units after a number: joined (`60m`, the number digits..digits_end) or,
 * digits NULL, as words after a blank (`months`). The clause's unit first. */
static void units(Out *o, const Scan *sc, const char *digits, size_t ndigits)
{
    BkpUnit want = clause_unit(sc);
    for (int u = 0; u < bkp_word_count(BKP_WORD_UNIT); u++) {
        const char *label = bkp_word_name(BKP_WORD_UNIT, u, digits ? BKP_SPELL_BKP : BKP_SPELL_PROSE);
        char text[64];
        snprintf(text, sizeof text, "%.*s%s", digits ? (int)ndigits : 0, digits ? digits : "", label);
        item(o, label, KIND_UNIT, bkp_unit_name((BkpUnit)u, true), text, u == (int)want ? "0" : "1");
    }
}

static void zones(BkpLsp *s, Out *o, bool quote)
{
    size_t n;
    const char *const *ids = bkp_tz_windows_ids(lsp_tz(s), &n);
    for (size_t i = 0; i < n; i++) {
        if (o->prefix && strncasecmp(ids[i], o->prefix, o->nprefix) != 0)
            continue;
        char detail[64], off[16], text[160];
        snprintf(detail, sizeof detail, "Windows time zone, UTC%s",
                 bkp_fmt_offset(bkp_tz_std_offset(lsp_tz(s), ids[i], lsp_now(s)), off, sizeof off));
        snprintf(text, sizeof text, quote ? "\"%s\"" : "%s", ids[i]);
        item(o, ids[i], KIND_VALUE, detail, text, NULL);
    }
}

/* The files whose names d sees: its own, then those it uses (each once). */
enum { SEEN_MAX = 64 };
static int seen_files(const AstFile *f, const AstFile *out[SEEN_MAX], int n)
{
    for (int i = 0; i < n; i++)
        if (out[i] == f)
            return n;
    if (n == SEEN_MAX)
        return n;
    out[n++] = f;
    for (const AstUse *u = f->uses; u; u = u->next)
        if (u->file)
            n = seen_files(u->file, out, n);
    return n;
}

/* The policy blocks' names (or the template blocks'), of the file and of
 * the files it uses; in a file of bare clauses, the file's policy (the name
 * a protect gives it there). */
static void policies(const LspDoc *d, Out *o, bool templates)
{
    const AstFile *files[SEEN_MAX];
    int n = seen_files(d->ast, files, 0);
    for (int i = 0; i < n; i++) {
        const AstFile *f = files[i];
        const char *detail = i ? lsp_rel_name(d, f->src->name) : NULL;
        if (templates) {
            for (const AstPolicy *t = f->templates; t; t = t->next)
                if (t->name.value)
                    item(o, t->name.value, KIND_REFERENCE, detail ? detail : "template", NULL, NULL);
            continue;
        }
        for (const AstPolicy *p = lsp_next_policy(f, NULL); p; p = lsp_next_policy(f, p))
            if (p->name.value && (!p->implicit || !f->policies))
                item(o, p->name.value, KIND_REFERENCE, detail ? detail : "policy", NULL, NULL);
    }
}

static void vaults(const LspDoc *d, Out *o)
{
    for (const AstVault *v = d->ast->vaults; v; v = v->next)
        if (v->name.value)
            item(o, v->name.value, KIND_REFERENCE, "vault", NULL, NULL);
}

/* What `require` may be followed by; after a kind, what comes next. */
static void require_words(const Scan *sc, const BkpLexeme *p, Out *o)
{
    if (is_kw(p, BKP_KW_REQUIRE)) {
        for (int k = 0; k < BKP_KW_COUNT; k++)
            if (bkp_keyword_flags((BkpKeyword)k) & BKP_KWF_KIND)
                item(o, bkp_keyword_text((BkpKeyword)k), KIND_KEYWORD, "what is required", NULL, NULL);
        item(o, bkp_keyword_text(BKP_KW_RPO), KIND_KEYWORD, "the longest gap between points", NULL, NULL);
    } else if (is_kw(p, BKP_KW_POINTS) || (is_kw(p, BKP_KW_SNAPSHOTS) && sc->kind == BKP_KW_SNAPSHOTS)) {
        item(o, bkp_keyword_text(BKP_KW_FOR), KIND_KEYWORD, "over the last SPAN", NULL, NULL);
    } else if (p->keyword == sc->kind && sc->kind != BKP_KW_RPO) {
        item(o, bkp_keyword_text(BKP_KW_POINTS), KIND_KEYWORD, NULL, NULL, NULL);
    }
}

/* The tiers `require ... in` takes. */
static void tiers(Out *o)
{
    static const char *const v[] = {"snapshot", "vault-standard"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        item(o, v[i], KIND_ENUM_MEMBER, "tier", NULL, NULL);
}

/* The .bkp files of directory `dir`, as `prefix` and their names (quoted
 * unless `bare`), but `self`, in order. A name a string cannot hold as it
 * is (a quote, a backslash) is left out. */
static void files_in(Out *o, const char *dir, const char *prefix, const char *self, bool bare)
{
    struct dirent **v;
    int n = scandir(dir, &v, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *nm = v[i]->d_name;
        size_t len = strlen(nm);
        char rel[600], text[610];
        snprintf(rel, sizeof rel, "%s%s", prefix, nm);
        if (nm[0] != '.' && len > 4 && strcmp(nm + len - 4, ".bkp") == 0 && !strpbrk(nm, "\"\\\n") &&
            strcmp(rel, self) != 0) {
            snprintf(text, sizeof text, bare ? "%s" : "\"%s\"", rel);
            item(o, rel, KIND_FILE, "file", text, NULL);
        }
        free(v[i]);
    }
    if (n >= 0)
        free(v);
}

/* The .bkp files a `use` in document d may name: beside it, and in the
 * directories beside it, as paths relative to its directory. */
static void use_files(const LspDoc *d, Out *o, bool bare)
{
    const char *name = d->src->name, *slash = strrchr(name, '/');
    if (name[0] != '/' || !slash)
        return;
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - name), name);
    files_in(o, dir, "", slash + 1, bare);
    struct dirent **v;
    int n = scandir(dir, &v, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        char path[4400], prefix[300];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, v[i]->d_name);
        if (v[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            snprintf(prefix, sizeof prefix, "%s/", v[i]->d_name);
            files_in(o, path, prefix, "", bare);
        }
        free(v[i]);
    }
    if (n >= 0)
        free(v);
}

/* ---- the context ---------------------------------------------------------------------- */

/* Whether only blanks stand before `off` on its line. */
static bool first_on_line(const BkpSource *src, uint32_t off)
{
    while (off > 0 && (src->text[off - 1] == ' ' || src->text[off - 1] == '\t' || src->text[off - 1] == '\r'))
        off--;
    return off == 0 || src->text[off - 1] == '\n';
}

/* What the word before the cursor is, among the lexicon's words. */
static bool word_is(const BkpSource *src, const BkpLexeme *x, BkpWordKind kind)
{
    return x->kind == BKP_LEXEME_WORD && bkp_word_find(kind, src->text + x->span.off, x->span.end - x->span.off);
}

/* Inside a quoted string: time-zone ids after `timezone`. */
static void in_string(BkpLsp *s, const LspDoc *d, const Scan *sc, Out *o)
{
    bool tz = sc->nprev && is_kw(&sc->prev[0], BKP_KW_TIMEZONE), use = sc->nprev && is_kw(&sc->prev[0], BKP_KW_USE);
    if (!tz && !use)
        return;
    uint32_t from = sc->cur.span.off + 1;
    uint32_t to = sc->cur.unterminated ? sc->cur.span.end : sc->cur.span.end - 1;
    o->range = bkp_span(from, to);
    o->prefix = o->src->text + from;
    o->nprefix = sc->cursor - from;
    if (tz)
        zones(s, o, false);
    else
        use_files(d, o, true);
}

/* After `,`: more of the list's kind. */
static void after_comma(const LspDoc *d, const Scan *sc, Out *o)
{
    const BkpLexeme *x = &sc->prev[1];
    if (sc->clause == BKP_KW_VAULT) {     /* `with P, ` */
        policies(d, o, false);
        return;
    }
    static const BkpWordKind kinds_[] = {BKP_WORD_WEEKDAY, BKP_WORD_MONTH, BKP_WORD_WEEK};
    for (size_t i = 0; sc->nprev > 1 && i < sizeof kinds_ / sizeof kinds_[0]; i++)
        if (word_is(o->src, x, kinds_[i])) {
            words(o, kinds_[i]);
            return;
        }
}

static void after_on(const Scan *sc, Out *o)
{
    if (sc->kind == BKP_KW_MONTHLY || sc->kind == BKP_KW_YEARLY) {
        words(o, BKP_WORD_WEEK);
        words(o, BKP_WORD_WEEKDAY);
        item(o, bkp_keyword_text(BKP_KW_DAY), KIND_KEYWORD, "days of the month: on day 1, 15, last", NULL, NULL);
    } else {
        words(o, BKP_WORD_WEEKDAY);
    }
}

/* Whether a number after `before` is a duration: in a clause that counts
 * some unit, not in a list of days of the month or of disks. */
static bool duration(const Scan *sc, const BkpLexeme *before)
{
    return clause_unit(sc) != BKP_UNIT_NONE && !(before && (is_kw(before, BKP_KW_DAY) || before->kind == BKP_LEXEME_PUNCT));
}

/* The items for the cursor: by the token before it, else where a clause
 * can start. */
static void complete(BkpLsp *s, const LspDoc *d, const Scan *sc, Out *o)
{
    const BkpSource *src = d->src;
    const BkpLexeme *p = sc->nprev ? &sc->prev[0] : NULL;
    uint32_t start = sc->has_cur ? sc->cur.span.off : sc->cursor;
    o->range = bkp_span(start, sc->cursor);
    if (sc->in_comment)
        return;
    if (sc->has_cur && sc->cur.kind == BKP_LEXEME_STRING) {
        in_string(s, d, sc, o);
        return;
    }
    if (sc->has_cur && (sc->cur.kind == BKP_LEXEME_NUMBER || sc->cur.kind == BKP_LEXEME_DURATION)) {
        uint32_t digits = sc->cur.kind == BKP_LEXEME_DURATION ? sc->cur.unit_off : sc->cur.span.end;
        if (sc->cursor >= digits && duration(sc, p))
            units(o, sc, src->text + start, digits - start);
        return;
    }
    if (sc->has_cur && sc->cur.kind != BKP_LEXEME_WORD && sc->cur.kind != BKP_LEXEME_KEYWORD)
        return;
    if (p && p->kind == BKP_LEXEME_NUMBER && duration(sc, sc->nprev > 1 ? &sc->prev[1] : NULL))
        units(o, sc, NULL, 0);
    else if (p && sc->clause == BKP_KW_REQUIRE && p->kind == BKP_LEXEME_KEYWORD && !is_kw(p, BKP_KW_IN) &&
             !is_kw(p, BKP_KW_FOR))
        require_words(sc, p, o);
    else if (p && is_kw(p, BKP_KW_KEEP))
        kinds(o);
    else if (p && is_kw(p, BKP_KW_TIMEZONE))
        zones(s, o, true);
    else if (p && is_kw(p, BKP_KW_WITH))
        policies(d, o, false);
    else if (p && is_kw(p, BKP_KW_FROM) && (sc->clause == BKP_KW_POLICY || sc->clause == BKP_KW_TEMPLATE))
        policies(d, o, true);
    else if (p && is_kw(p, BKP_KW_USE))
        use_files(d, o, false);
    else if (p && (is_kw(p, BKP_KW_ARCHIVE) || is_kw(p, BKP_KW_SNAPSHOT)))
        next_keywords(o, (BkpKeyword)p->keyword);
    else if (p && is_kw(p, BKP_KW_ON))
        after_on(sc, o);
    else if (p && is_kw(p, BKP_KW_IN) && sc->clause == BKP_KW_PROTECT)
        vaults(d, o);
    else if (p && is_kw(p, BKP_KW_IN) && sc->clause == BKP_KW_REQUIRE)
        tiers(o);
    else if (p && is_kw(p, BKP_KW_IN))
        words(o, BKP_WORD_MONTH);
    else if (p && word_is(src, p, BKP_WORD_WEEK) && (sc->kind == BKP_KW_MONTHLY || sc->kind == BKP_KW_YEARLY))
        words(o, BKP_WORD_WEEKDAY);
    else if (p && p->kind == BKP_LEXEME_PUNCT && p->punct == ',')
        after_comma(d, sc, o);
    else if (!p || first_on_line(src, start) || (p->kind == BKP_LEXEME_PUNCT && p->punct != ','))
        keywords(o, BKP_KWF_CLAUSE | (sc->depth == 0 ? BKP_KWF_STMT : 0));
}

int lsp_completion(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    LspDoc *d = lsp_doc(s, params, e);
    Scan sc;
    memset(&sc, 0, sizeof sc);
    sc.clause = sc.kind = -1;
    if (!d || lsp_offset(d->src, params, "position", &sc.cursor, e) != 0)
        return -1;
    sc.src = d->src;
    if (bkp_lex(d->src, scan_one, &sc) != 0)
        return lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
    Out o = {w, d->src, {0, 0}, NULL, 0, 0};
    jw_obj(w);
    jw_key(w, "isIncomplete");
    /* Time-zone ids are filtered here by what is typed: ask again. */
    bool filtered = sc.has_cur && sc.cur.kind == BKP_LEXEME_STRING;
    jw_bool(w, filtered);
    jw_key(w, "items");
    jw_arr(w);
    complete(s, d, &sc, &o);
    jw_end_arr(w);
    jw_end_obj(w);
    return 0;
}
