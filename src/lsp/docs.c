/* docs.c — the open documents: didOpen, didChange (whole texts and UTF-16
 * ranges), didClose; one compilation per version, the previous one freed;
 * and the diagnostics published after each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/compile.h"
#include "bkpc/parse.h"
#include "bkpc/ruledoc.h"
#include "lsp_int.h"

/* ---- names ------------------------------------------------------------------ */

static int hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The name diagnostics and bare-clause policies take: a file URI's path
 * (percent-decoded), else the URI. */
static char *uri_name(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return strdup(uri);
    const char *p = strchr(uri + 7, '/');     /* after the authority (usually empty) */
    if (!p)
        return strdup(uri);
    char *out = malloc(strlen(p) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *p; p++) {
        if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0 && (hex(p[1]) || hex(p[2]))) {
            *o++ = (char)(hex(p[1]) << 4 | hex(p[2]));
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return out;
}

/* The file URI of a path: `file://` and the path, each byte but the
 * unreserved ones and `/` percent-encoded (to free). A path that is not
 * absolute (a used file of a document that is not a file) stays a path. */
static char *path_uri(const char *path)
{
    if (path[0] != '/')
        return strdup(path);
    char *out = malloc(7 + 3 * strlen(path) + 1), *o = out;
    if (!out)
        return NULL;
    o += sprintf(o, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
            *o++ = (char)*p;
        else
            o += sprintf(o, "%%%02X", *p);
    }
    *o = 0;
    return out;
}

/* ---- the store ------------------------------------------------------------------ */

static LspDoc *find(const BkpLsp *s, const char *uri)
{
    for (LspDoc *d = s->docs; d; d = d->next)
        if (strcmp(d->uri, uri) == 0)
            return d;
    return NULL;
}

const char *bkp_lsp_text(const BkpLsp *s, const char *uri, size_t *len)
{
    const LspDoc *d = find(s, uri);
    if (!d)
        return NULL;
    *len = d->src->len;
    return d->src->text;
}

LspDoc *lsp_doc(BkpLsp *s, const json_t *params, LspError *e)
{
    const char *uri = lsp_string(params, "textDocument.uri", e);
    if (!uri)
        return NULL;
    LspDoc *d = find(s, uri);
    if (!d)
        lsp_fail(e, LSP_INVALID_PARAMS, "params.textDocument.uri: %.200s is not open", uri);
    return d;
}

static void doc_free(LspDoc *d)
{
    bkp_ctx_free(&d->ctx);
    bkp_source_free(d->src);
    free(d->uri);
    free(d);
}

void lsp_docs_free(BkpLsp *s)
{
    while (s->docs) {
        LspDoc *d = s->docs;
        s->docs = d->next;
        doc_free(d);
    }
}

const AstPolicy *lsp_next_policy(const AstFile *f, const AstPolicy *p)
{
    if (!p)
        return f->policies ? f->policies : f->bare;
    if (p == f->bare)
        return NULL;
    return p->next ? p->next : f->bare;
}

const BkpPolicy *lsp_policy_at(const LspDoc *d, uint32_t off)
{
    for (const BkpPolicy *p = d->prog ? d->prog->policies : NULL; p; p = p->next)
        if (p->origin && p->origin->src == d->src && off >= p->origin->span.off && off <= p->origin->span.end)
            return p;
    return NULL;
}

const char *lsp_rel_name(const LspDoc *d, const char *path)
{
    const char *slash = strrchr(d->src->name, '/');
    size_t n = slash ? (size_t)(slash - d->src->name) + 1 : 0;
    return n && strncmp(path, d->src->name, n) == 0 ? path + n : path;
}

/* The `use` of f through which file `src` is read (directly or through the
 * files it uses), or NULL. */
static const AstUse *use_toward(const AstFile *f, const BkpSource *src, int depth)
{
    for (const AstUse *u = f->uses; u && depth < 64; u = u->next)
        if (u->file && (u->file->src == src || use_toward(u->file, src, depth + 1)))
            return u;
    return NULL;
}

/* ---- diagnostics ------------------------------------------------------------------- */

/* A location (uri and range) of file src: the document's, or another's. */
static void write_location(JsonW *w, const LspDoc *d, BkpSource *src, BkpSpan span)
{
    char *uri = src == d->src ? NULL : path_uri(src->name);
    jw_obj(w);
    jw_key(w, "uri");
    jw_str(w, uri ? uri : d->uri);
    jw_key(w, "range");
    lsp_write_range(w, src, span);
    jw_end_obj(w);
    free(uri);
}

/* relatedInformation: the secondary labels (in any file), and `at`, the
 * primary span of a diagnostic of a used file shown at its `use`. */
static void write_related(JsonW *w, const LspDoc *d, const BkpDiag *g, bool at)
{
    if (!g->nsecondary && !at)
        return;
    jw_key(w, "relatedInformation");
    jw_arr(w);
    if (at) {
        jw_obj(w);
        jw_key(w, "location");
        write_location(w, d, g->src, g->primary.span);
        jw_key(w, "message");
        jw_str(w, g->msg);
        jw_end_obj(w);
    }
    for (int i = 0; i < g->nsecondary; i++) {
        jw_obj(w);
        jw_key(w, "location");
        write_location(w, d, bkp_label_src(g, &g->secondary[i]), g->secondary[i].span);
        jw_key(w, "message");
        jw_str(w, g->secondary[i].text ? g->secondary[i].text : g->msg);
        jw_end_obj(w);
    }
    jw_end_arr(w);
}

void lsp_write_diagnostic(JsonW *w, const LspDoc *d, const BkpDiag *g)
{
    char url[256];
    /* A diagnostic of a file the document uses stands at the `use`. */
    bool other = g->src != d->src;
    const AstUse *via = other ? use_toward(d->ast, g->src, 0) : NULL;
    jw_obj(w);
    jw_key(w, "range");
    if (other)
        lsp_write_range(w, d->src, via ? via->path.span : bkp_span(0, 0));
    else
        lsp_write_range(w, g->src, g->primary.span);
    jw_key(w, "severity");
    jw_int(w, g->sev == BKP_SEV_ERROR ? 1 : 2);
    jw_key(w, "code");
    jw_str(w, g->rule);
    if (bkp_rule_doc(g->rule)) {
        jw_key(w, "codeDescription");
        jw_obj(w);
        jw_key(w, "href");
        jw_str(w, bkp_rule_doc_url(bkp_rule_doc(g->rule)->id, url, sizeof url));
        jw_end_obj(w);
    }
    jw_key(w, "source");
    jw_str(w, "bkpc");
    /* The message, then the hints as the text output shows them. */
    const char *in = other ? lsp_rel_name(d, g->src->name) : NULL;
    size_t n = strlen(g->msg) + 1 + (in ? strlen(in) + 16 : 0);
    for (int i = 0; i < g->nhints; i++)
        n += strlen(g->hints[i]) + 7;
    char *msg = malloc(n);
    if (msg) {
        size_t k = in ? (size_t)sprintf(msg, "in %s: %s", in, g->msg) : (size_t)sprintf(msg, "%s", g->msg);
        for (int i = 0; i < g->nhints; i++)
            k += (size_t)sprintf(msg + k, "\nhint: %s", g->hints[i]);
    }
    jw_key(w, "message");
    jw_str(w, msg ? msg : g->msg);
    free(msg);
    write_related(w, d, g, other);
    jw_end_obj(w);
}

static void publish(BkpLsp *s, const LspDoc *d, bool closed)
{
    JsonW w;
    lsp_notify_begin(&w, "textDocument/publishDiagnostics");
    jw_obj(&w);
    jw_key(&w, "uri");
    jw_str(&w, d->uri);
    if (!closed) {
        jw_key(&w, "version");
        jw_int(&w, d->version);
    }
    jw_key(&w, "diagnostics");
    jw_arr(&w);
    BkpDiag **v = closed ? NULL : bkp_diags_sorted(&d->ctx.diags);
    for (unsigned i = 0; v && i < d->ctx.diags.count; i++)
        lsp_write_diagnostic(&w, d, v[i]);
    free(v);
    jw_end_arr(&w);
    jw_end_obj(&w);
    lsp_notify_end(s, &w);
}

/* The new version's text: compiled in a context of its own, the previous
 * one freed; then its diagnostics. */
/* The files a document's `use` names: the text of an open document (as
 * the editor has it, saved or not), else the file's. */
static BkpSource *load_open(void *data, const char *path)
{
    BkpLsp *s = data;
    for (const LspDoc *d = s->docs; d; d = d->next)
        if (d->src && strcmp(d->src->name, path) == 0)
            return bkp_source_from_string(path, d->src->text, d->src->len);
    return bkp_source_read(path);
}

/* The new version's text: compiled in a context of its own, the previous
 * one freed; then its diagnostics. */
static void set_text(BkpLsp *s, LspDoc *d, BkpSource *src)
{
    bkp_ctx_free(&d->ctx);
    bkp_source_free(d->src);
    d->src = src;
    bkp_ctx_init(&d->ctx);
    d->ctx.load = load_open;
    d->ctx.load_data = s;
    d->ast = bkp_parse(&d->ctx, src);
    d->prog = bkp_compile_ast(&d->ctx, d->ast);
    publish(s, d, false);
}

static bool too_large(BkpLsp *s, size_t n)
{
    if (n <= BKP_SOURCE_MAX)
        return false;
    lsp_show_message(s, 1, "bkpc: a document over 64 MiB is not read; the change was not applied");
    return true;
}

/* ---- the notifications ----------------------------------------------------------------- */

void lsp_did_open(BkpLsp *s, const json_t *params)
{
    LspError e;
    const char *uri = lsp_string(params, "textDocument.uri", &e);
    json_t *text = lsp_member(params, "textDocument.text", JSON_STRING, &e);
    if (!uri || !text || too_large(s, json_string_length(text)))
        return;
    json_t *version = json_object_get(json_object_get(params, "textDocument"), "version");
    char *name = uri_name(uri);
    BkpSource *src = name ? bkp_source_from_string(name, json_string_value(text), json_string_length(text)) : NULL;
    free(name);
    if (!src)
        return;
    LspDoc *d = find(s, uri);
    if (!d) {                   /* (a document is listed only with its text) */
        d = calloc(1, sizeof *d);
        if (!d || !(d->uri = strdup(uri))) {
            free(d);
            bkp_source_free(src);
            return;
        }
        bkp_ctx_init(&d->ctx);
        d->next = s->docs;
        s->docs = d;
    }
    d->version = json_is_integer(version) ? json_integer_value(version) : 0;
    set_text(s, d, src);
}

/* One change of didChange applied to `cur`: a new source, or NULL with e
 * set (or out of memory). */
static BkpSource *apply(BkpLsp *s, BkpSource *cur, const json_t *change, LspError *e)
{
    json_t *text = lsp_member(change, "text", JSON_STRING, e);
    if (!text)
        return NULL;
    const char *t = json_string_value(text);
    size_t tn = json_string_length(text);
    if (!json_object_get(change, "range"))
        return too_large(s, tn) ? NULL : bkp_source_from_string(cur->name, t, tn);
    uint32_t a, b;
    if (lsp_offset(cur, change, "range.start", &a, e) != 0 || lsp_offset(cur, change, "range.end", &b, e) != 0)
        return NULL;
    if (a > b) {
        uint32_t x = a;
        a = b;
        b = x;
    }
    size_t n = cur->len - (b - a) + tn;
    if (too_large(s, n))
        return NULL;
    char *buf = malloc(n + 1);
    if (!buf)
        return NULL;
    memcpy(buf, cur->text, a);
    memcpy(buf + a, t, tn);
    memcpy(buf + a + tn, cur->text + b, cur->len - b);
    BkpSource *src = bkp_source_from_string(cur->name, buf, n);
    free(buf);
    return src;
}

void lsp_did_change(BkpLsp *s, const json_t *params)
{
    LspError e;
    LspDoc *d = lsp_doc(s, params, &e);
    json_t *changes = d ? lsp_member(params, "contentChanges", JSON_ARRAY, &e) : NULL;
    if (!changes)
        return;
    BkpSource *cur = d->src;
    size_t i;
    json_t *change;
    json_array_foreach(changes, i, change) {
        BkpSource *next = apply(s, cur, change, &e);
        if (cur != d->src)
            bkp_source_free(cur);
        if (!next)
            return;             /* the document is as it was */
        cur = next;
    }
    if (cur == d->src)
        return;                 /* no change */
    json_t *version = json_object_get(json_object_get(params, "textDocument"), "version");
    if (json_is_integer(version))
        d->version = json_integer_value(version);
    set_text(s, d, cur);
}

void lsp_did_close(BkpLsp *s, const json_t *params)
{
    LspError e;
    LspDoc *d = lsp_doc(s, params, &e);
    if (!d)
        return;
    for (LspDoc **p = &s->docs; *p; p = &(*p)->next)
        if (*p == d) {
            *p = d->next;
            break;
        }
    publish(s, d, true);
    doc_free(d);
}
