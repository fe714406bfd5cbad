/* diag_sarif.c — diagnostic records as a SARIF 2.1.0 log
 * (include/bkpc/diag_sarif.h). The log is a jansson tree: results are added
 * file by file, the driver's rules[] is built from the rule reference, and
 * the whole is written once. */
#include "bkpc/diag_sarif.h"

#include <stdlib.h>
#include <string.h>

#include "bkpc/ruledoc.h"
#include "bkpc/version.h"
#include "diag_int.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"

struct BkpSarif {
    json_t *rules;          /* the driver's reportingDescriptors */
    json_t *results;
    json_t *notifications;  /* toolExecutionNotifications */
    int failed;             /* out of memory on the way */
};

static const char *level(BkpRuleKind k) { return k == BKP_RULE_WARNING ? "warning" : "error"; }

/* A reportingDescriptor of a page. */
static json_t *rule_json(const BkpRuleDoc *r)
{
    char url[256];
    return json_pack("{s:s, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:s, s:{s:s}}", "id", r->id,
                     "shortDescription", "text", r->title, "fullDescription", "text", r->summary,
                     "help", "text", r->text, "markdown", r->text, "helpUri",
                     bkp_rule_doc_url(r->id, url, sizeof url), "defaultConfiguration", "level",
                     level(r->kind));
}

BkpSarif *bkp_sarif_new(void)
{
    BkpSarif *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->rules = json_array();
    s->results = json_array();
    s->notifications = json_array();
    size_t n;
    const BkpRuleDoc *docs = bkp_rule_docs(&n);
    for (size_t i = 0; s->rules && i < n; i++)   /* the ids a result can have */
        if (docs[i].kind == BKP_RULE_ERROR || docs[i].kind == BKP_RULE_WARNING)
            if (json_array_append_new(s->rules, rule_json(&docs[i])) != 0)
                s->failed = 1;
    if (!s->rules || !s->results || !s->notifications) {
        bkp_sarif_free(s);
        return NULL;
    }
    return s;
}

void bkp_sarif_free(BkpSarif *s)
{
    if (!s)
        return;
    json_decref(s->rules);
    json_decref(s->results);
    json_decref(s->notifications);
    free(s);
}

/* The index of rule `id` in rules[]; an id without a page gets a bare
 * descriptor of its own. -1 when out of memory. */
static int rule_index(BkpSarif *s, const char *id)
{
    size_t i;
    json_t *r;
    json_array_foreach(s->rules, i, r) {
        if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
            return (int)i;
    }
    if (json_array_append_new(s->rules, json_pack("{s:s}", "id", id)) != 0)
        return -1;
    return (int)json_array_size(s->rules) - 1;
}

/* A URI reference for a path: percent-encoded except for unreserved
 * characters and `/`; an absolute path as a file:// URI. */
static json_t *uri(const char *path)
{
    size_t n = strlen(path);
    char *u = malloc(3 * n + 8);
    if (!u)
        return NULL;
    size_t k = 0;
    if (path[0] == '/') {
        memcpy(u, "file://", 7);
        k = 7;
    }
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) {
            u[k++] = (char)c;
        } else {
            u[k++] = '%';
            u[k++] = hex[c >> 4];
            u[k++] = hex[c & 15];
        }
    }
    json_t *j = json_stringn(u, k);
    free(u);
    return j;
}

static json_t *region(BkpSource *src, BkpSpan span)
{
    uint32_t len = (uint32_t)src->len;
    BkpPos a = bkp_source_pos(src, span.off < len ? span.off : len);
    BkpPos b = bkp_source_pos(src, span.end < len ? span.end : len);
    return json_pack("{s:I, s:I, s:I, s:I}", "startLine", (json_int_t)a.line, "startColumn",
                     (json_int_t)a.col16, "endLine", (json_int_t)b.line, "endColumn", (json_int_t)b.col16);
}

static json_t *physical(BkpSource *src, BkpSpan span)
{
    return json_pack("{s:{s:o}, s:o}", "artifactLocation", "uri", uri(src->name), "region",
                     region(src, span));
}

/* A location, with a message when `text` is not NULL. */
static json_t *location(BkpSource *src, BkpLabel l)
{
    json_t *loc = json_pack("{s:o}", "physicalLocation", physical(src, l.span));
    if (loc && l.text && json_object_set_new(loc, "message", json_pack("{s:o}", "text", dj_str(l.text))) != 0) {
        json_decref(loc);
        return NULL;
    }
    return loc;
}

/* "replace `23h` with `24h`", "insert `X`", "delete `X`". */
static json_t *fix_description(const BkpDiag *g)
{
    json_t *old = dj_span_text(g->src, g->fix.span);
    json_t *d = NULL;
    if (old) {
        const char *o = json_string_value(old);
        size_t n = strlen(o) + strlen(g->fix.text) + 32;
        char *t = malloc(n);
        if (t) {
            if (!*o)
                snprintf(t, n, "insert `%s`", g->fix.text);
            else if (!*g->fix.text)
                snprintf(t, n, "delete `%s`", o);
            else
                snprintf(t, n, "replace `%s` with `%s`", o, g->fix.text);
            d = json_pack("{s:o}", "text", dj_str(t));
            free(t);
        }
    }
    json_decref(old);
    return d;
}

static json_t *fixes(const BkpDiag *g)
{
    return json_pack("[{s:o, s:[{s:{s:o}, s:[{s:o, s:{s:o}}]}]}]", "description", fix_description(g),
                     "artifactChanges", "artifactLocation", "uri", uri(g->src->name), "replacements",
                     "deletedRegion", region(g->src, g->fix.span), "insertedContent", "text",
                     dj_str(g->fix.text));
}

/* The message and, one per line, the hints. */
static json_t *message(const BkpDiag *g)
{
    size_t n = strlen(g->msg) + 1;
    for (int i = 0; i < g->nhints; i++)
        n += strlen(g->hints[i]) + 7;
    char *t = malloc(n);
    if (!t)
        return NULL;
    strcpy(t, g->msg);
    for (int i = 0; i < g->nhints; i++) {
        strcat(t, "\nhint: ");
        strcat(t, g->hints[i]);
    }
    json_t *m = json_pack("{s:o}", "text", dj_str(t));
    free(t);
    return m;
}

static json_t *result(BkpSarif *s, const BkpDiag *g)
{
    const char *id = g->rule ? g->rule : "syntax";
    int ri = rule_index(s, id);
    json_t *r = json_object();
    if (!r || ri < 0) {
        json_decref(r);
        return NULL;
    }
    int ok = 1;
    dj_set(r, "ruleId", json_string(id), &ok);
    dj_set(r, "ruleIndex", json_integer(ri), &ok);
    dj_set(r, "level", json_string(g->sev == BKP_SEV_ERROR ? "error" : "warning"), &ok);
    dj_set(r, "message", message(g), &ok);
    dj_set(r, "locations", json_pack("[o]", location(g->src, g->primary)), &ok);
    if (g->nsecondary) {
        json_t *rel = json_array();
        for (int i = 0; rel && i < g->nsecondary; i++) {
            json_t *loc = location(bkp_label_src(g, &g->secondary[i]), g->secondary[i]);
            if (!loc || json_object_set_new(loc, "id", json_integer(i + 1)) != 0 ||
                json_array_append_new(rel, loc) != 0)
                ok = 0;
        }
        dj_set(r, "relatedLocations", rel, &ok);
    }
    if (g->fix.text)
        dj_set(r, "fixes", fixes(g), &ok);
    return dj_done(r, ok);
}

int bkp_sarif_add(BkpSarif *s, BkpDiags *d)
{
    if (!d->count)
        return 0;
    BkpDiag **v = bkp_diags_sorted(d);
    if (!v) {
        s->failed = 1;
        return -1;
    }
    for (unsigned i = 0; i < d->count; i++)
        if (json_array_append_new(s->results, result(s, v[i])) != 0)
            s->failed = 1;
    free(v);
    return s->failed ? -1 : 0;
}

void bkp_sarif_fail(BkpSarif *s, const char *msg)
{
    if (json_array_append_new(s->notifications,
                              json_pack("{s:s, s:{s:o}}", "level", "error", "message", "text", dj_str(msg))) != 0)
        s->failed = 1;
}

int bkp_sarif_write(const BkpSarif *s, FILE *out)
{
    if (s->failed)
        return -1;
    json_t *inv = json_pack("{s:b}", "executionSuccessful", json_array_size(s->notifications) == 0);
    if (inv && json_array_size(s->notifications))
        json_object_set(inv, "toolExecutionNotifications", s->notifications);
    json_t *log = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:s, s:O}}, s:[o], s:s, s:O}]}",
                            "$schema", SARIF_SCHEMA, "version", "2.1.0", "runs", "tool", "driver", "name",
                            "bkpc", "version", BKPC_VERSION, "semanticVersion", BKPC_VERSION,
                            "informationUri", BKPC_HOMEPAGE, "rules", s->rules, "invocations", inv,
                            "columnKind", "utf16CodeUnits", "results", s->results);
    int rc = log ? dj_dump(log, out, JSON_INDENT(2)) : -1;
    json_decref(log);
    return rc;
}
