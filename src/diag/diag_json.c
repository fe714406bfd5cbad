/* diag_json.c — diagnostic records as JSON lines (include/bkpc/diag_json.h),
 * and the helpers the SARIF renderer shares (diag_int.h). Values are built
 * with jansson, one diagnostic at a time, and written compact. */
#include "bkpc/diag_json.h"

#include <stdlib.h>
#include <string.h>

#include "bkpc/ruledoc.h"
#include "bkpc/utf8.h"
#include "diag_int.h"

/* ---- shared with diag_sarif.c -------------------------------------------------- */

static json_t *str_n(const char *s, size_t n)
{
    if (bkp_utf8_valid(s, n))
        return json_stringn(s, n);
    char *v = malloc(3 * n + 1);    /* a bad byte (1) becomes U+FFFD (3) */
    if (!v)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        size_t len = bkp_utf8_len(s + i, n - i);
        if (len == 0) {
            memcpy(v + k, "\xEF\xBF\xBD", 3);
            k += 3;
            i++;
        } else {
            memcpy(v + k, s + i, len);
            k += len;
            i += len;
        }
    }
    json_t *j = json_stringn(v, k);
    free(v);
    return j;
}

json_t *dj_str(const char *s) { return s ? str_n(s, strlen(s)) : json_null(); }

json_t *dj_span_text(const BkpSource *src, BkpSpan span)
{
    uint32_t off = span.off < src->len ? span.off : (uint32_t)src->len;
    uint32_t end = span.end < src->len ? span.end : (uint32_t)src->len;
    return str_n(src->text + off, end > off ? end - off : 0);
}

json_t *dj_help(const char *rule)
{
    char url[256];
    if (!rule || !bkp_rule_doc(rule))
        return json_null();
    return json_string(bkp_rule_doc_url(bkp_rule_doc(rule)->id, url, sizeof url));
}

void dj_set(json_t *obj, const char *key, json_t *value, int *ok)
{
    if (!value || json_object_set_new(obj, key, value) != 0)
        *ok = 0;
}

json_t *dj_done(json_t *v, int ok)
{
    if (ok)
        return v;
    json_decref(v);
    return NULL;
}

int dj_dump(const json_t *v, FILE *out, size_t flags)
{
    if (json_dumpf(v, out, flags) != 0 || fputc('\n', out) == EOF)
        return -1;
    return 0;
}

/* ---- JSON lines ------------------------------------------------------------------ */

static json_t *pos(BkpSource *src, uint32_t off)
{
    if (off > src->len)
        off = (uint32_t)src->len;
    BkpPos p = bkp_source_pos(src, off);
    return json_pack("{s:I, s:I, s:I, s:I}", "line", (json_int_t)p.line, "column", (json_int_t)p.col,
                     "column_utf16", (json_int_t)p.col16, "offset", (json_int_t)off);
}

static json_t *range(BkpSource *src, BkpSpan span)
{
    return json_pack("{s:o, s:o}", "start", pos(src, span.off), "end", pos(src, span.end));
}

static json_t *diag_json(const BkpDiag *g)
{
    BkpSource *src = g->src;
    json_t *o = json_object();
    if (!o)
        return NULL;
    int ok = 1;
    dj_set(o, "file", dj_str(src->name), &ok);
    dj_set(o, "range", range(src, g->primary.span), &ok);
    dj_set(o, "severity", json_string(g->sev == BKP_SEV_ERROR ? "error" : "warning"), &ok);
    dj_set(o, "rule", dj_str(g->rule), &ok);
    dj_set(o, "message", dj_str(g->msg), &ok);
    dj_set(o, "label", dj_str(g->primary.text), &ok);
    json_t *sec = json_array();
    for (int i = 0; sec && i < g->nsecondary; i++) {
        const BkpLabel *l = &g->secondary[i];
        BkpSource *in = bkp_label_src(g, l);
        json_t *s = json_pack("{s:o, s:o}", "range", range(in, l->span), "label", dj_str(l->text));
        /* a span in another file names it */
        if (!s || (in != src && json_object_set_new(s, "file", dj_str(in->name)) != 0) ||
            json_array_append_new(sec, s) != 0)
            ok = 0;
    }
    dj_set(o, "secondary", sec, &ok);
    json_t *hints = json_array();
    for (int i = 0; hints && i < g->nhints; i++)
        if (json_array_append_new(hints, dj_str(g->hints[i])) != 0)
            ok = 0;
    dj_set(o, "hints", hints, &ok);
    dj_set(o, "fix", g->fix.text ? json_pack("{s:o, s:o}", "range", range(src, g->fix.span), "text",
                                             dj_str(g->fix.text))
                                 : json_null(), &ok);
    dj_set(o, "help", dj_help(g->rule), &ok);
    return dj_done(o, ok);
}

int bkp_diags_json(BkpDiags *d, FILE *out)
{
    if (!d->count)
        return 0;
    BkpDiag **v = bkp_diags_sorted(d);
    if (!v)
        return -1;
    int rc = 0;
    for (unsigned i = 0; i < d->count && rc == 0; i++) {
        json_t *o = diag_json(v[i]);
        rc = o ? dj_dump(o, out, JSON_COMPACT) : -1;
        json_decref(o);
    }
    free(v);
    return rc;
}
