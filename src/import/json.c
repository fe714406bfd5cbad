/* json.c — values of a parsed JSON file with their paths: member look-up as
 * Azure does it (without regard to case), unknown members, the JSON path of
 * a value and its position in the file, and the import's diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

Node node_child(const Node *up, const char *key, json_t *v)
{
    Node n = {json_is_null(v) ? NULL : v, up, key, 0};
    return n;
}

Node node_elem(const Node *up, size_t index)
{
    json_t *v = up && up->v ? json_array_get(up->v, index) : NULL;
    Node n = {json_is_null(v) ? NULL : v, up, NULL, index};
    return n;
}

const char *json_kind(const json_t *v)
{
    switch (v ? json_typeof(v) : JSON_NULL) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "a whole number";
    case JSON_REAL: return "a number with a fraction";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: break;
    }
    return "null";
}

/* ---- paths ------------------------------------------------------------------------ */

static bool is_ident(const char *k)
{
    if (!*k || (*k >= '0' && *k <= '9'))
        return false;
    for (; *k; k++)
        if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
              *k == '_' || *k == '$'))
            return false;
    return true;
}

/* The nodes from the root down to n, into v (at most max); how many. */
static int chain(const Node *n, const Node **v, int max)
{
    int k = 0;
    for (const Node *m = n; m && k < max; m = m->up)
        v[k++] = m;
    for (int i = 0; i < k / 2; i++) {
        const Node *t = v[i];
        v[i] = v[k - 1 - i];
        v[k - 1 - i] = t;
    }
    return k;
}

enum { MAX_DEPTH = 2100 };   /* jansson parses at most 2048 levels */

const char *node_path(Reader *R, const Node *n)
{
    const Node *v[MAX_DEPTH];
    int k = chain(n, v, MAX_DEPTH);
    size_t cap = 2;
    for (int i = 1; i < k; i++)
        cap += v[i]->key ? 2 * strlen(v[i]->key) + 5 : 24;
    char *buf = bkp_arena_alloc(R->A, cap), *w = buf;
    *w++ = '$';
    for (int i = 1; i < k; i++) {
        if (!v[i]->key) {
            w += sprintf(w, "[%zu]", v[i]->index);
        } else if (is_ident(v[i]->key)) {
            w += sprintf(w, ".%s", v[i]->key);
        } else {
            *w++ = '[';
            *w++ = '"';
            for (const char *c = v[i]->key; *c; c++) {
                if (*c == '"' || *c == '\\')
                    *w++ = '\\';
                *w++ = *c;
            }
            *w++ = '"';
            *w++ = ']';
        }
    }
    *w = '\0';
    return buf;
}

/* ---- positions: a walk over the text, which jansson has already parsed ---- */

typedef struct Text {
    const char *t;
    size_t len;
} Text;

static size_t skip_ws(Text x, size_t i)
{
    while (i < x.len && strchr(" \t\r\n", x.t[i]) && x.t[i])
        i++;
    return i;
}

/* Past the string that starts at i (a '"'). */
static size_t skip_string(Text x, size_t i)
{
    for (i++; i < x.len && x.t[i] != '"'; i++)
        if (x.t[i] == '\\')
            i++;
    return i < x.len ? i + 1 : x.len;
}

/* Past the value that starts at i. */
static size_t skip_value(Text x, size_t i)
{
    if (i >= x.len)
        return x.len;
    if (x.t[i] == '"')
        return skip_string(x, i);
    if (x.t[i] != '{' && x.t[i] != '[') {
        while (i < x.len && !strchr(",]} \t\r\n", x.t[i]))
            i++;
        return i;
    }
    int depth = 0;
    while (i < x.len) {
        char c = x.t[i];
        if (c == '"') {
            i = skip_string(x, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        i++;
    }
    return x.len;
}

/* Whether the string literal at [i, end) is `key`. */
static bool key_is(Text x, size_t i, size_t end, const char *key)
{
    size_t n = end - i - 2;
    if (!memchr(x.t + i + 1, '\\', n))
        return strlen(key) == n && memcmp(x.t + i + 1, key, n) == 0;
    json_t *s = json_loadb(x.t + i, end - i, JSON_DECODE_ANY, NULL);
    bool eq = json_is_string(s) && strcmp(json_string_value(s), key) == 0;
    json_decref(s);
    return eq;
}

/* From the value at i, the start of its member `key` or element `index`;
 * x.len when there is none. */
static size_t step_into(Text x, size_t i, const Node *step)
{
    bool obj = step->key != NULL;
    if (i >= x.len || x.t[i] != (obj ? '{' : '['))
        return x.len;
    i = skip_ws(x, i + 1);
    for (size_t k = 0; i < x.len && x.t[i] != (obj ? '}' : ']'); k++) {
        bool hit = !obj && k == step->index;
        if (obj) {
            size_t end = skip_string(x, i);
            hit = key_is(x, i, end, step->key);
            i = skip_ws(x, end);
            i = skip_ws(x, i + 1);          /* the ':' */
        }
        if (hit)
            return i;
        i = skip_ws(x, skip_value(x, i));
        if (i < x.len && x.t[i] == ',')
            i = skip_ws(x, i + 1);
    }
    return x.len;
}

BkpSpan node_span(Reader *R, const Node *n)
{
    while (n->up && !n->v)
        n = n->up;
    const Node *v[MAX_DEPTH];
    int k = chain(n, v, MAX_DEPTH);
    Text x = {R->src->text, R->src->len};
    size_t i = import_text_start(R->src);
    i = skip_ws(x, i);
    for (int s = 1; s < k && i < x.len; s++)
        i = step_into(x, i, v[s]);
    if (i >= x.len)
        return bkp_span(0, 0);
    return bkp_span((uint32_t)i, (uint32_t)skip_value(x, i));
}

/* ---- diagnostics ---------------------------------------------------------------- */

BkpDiag *imp_diag(Reader *R, BkpSeverity sev, const Node *n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = bkp_arena_vprintf(R->A, fmt, ap);
    va_end(ap);
    BkpSpan at = node_span(R, n);
    const char *path = node_path(R, n);
    return sev == BKP_SEV_ERROR ? bkp_error(R->D, R->src, "import", at, "%s: %s", path, msg)
                                : bkp_warning(R->D, R->src, "import", at, "%s: %s", path, msg);
}

/* ---- objects and arrays ------------------------------------------------------------ */

/* A value as the reader sees it: an ARM expression evaluated. */
static json_t *effective(Reader *R, const Node *n, json_t *v)
{
    if (!R->arm || !json_is_string(v))
        return v;
    json_t *e = arm_eval(R, n, v);
    return e ? e : R->poison;       /* reported: whoever reads it says nothing more */
}

bool obj_open(Reader *R, const Node *n, Obj *o)
{
    o->n = *n;
    o->used = 0;
    if (json_is_object(n->v) && n->v != R->poison)
        return true;
    if (n->v && n->v != R->poison)
        imp_error(R, n, "expected an object, found %s", json_kind(n->v));
    return false;
}

Node obj_get(Reader *R, Obj *o, const char *key)
{
    const char *k, *found = NULL;
    json_t *v, *hit = NULL;
    unsigned i = 0;
    json_object_foreach(o->n.v, k, v) {
        if (strcasecmp(k, key) == 0) {
            if (found) {
                Node dup = node_child(&o->n, k, v);
                imp_error(R, &dup, "`%s` and `%s` are the same member (names are read without "
                          "regard to case)", found, k);
            } else {
                found = k;
                hit = v;
            }
            if (i < 64)
                o->used |= UINT64_C(1) << i;
        }
        i++;
    }
    Node n = node_child(&o->n, found ? found : key, hit);
    if (n.v)
        n.v = effective(R, &n, n.v);
    return n;
}

bool obj_need(Reader *R, const Node *n, Obj *o, const char *why)
{
    if (!n->v) {
        imp_error(R, n, "missing: %s", why);
        o->n = *n;
        o->used = 0;
        return false;
    }
    return obj_open(R, n, o);
}

bool obj_has(const Obj *o, const char *key)
{
    const char *k;
    json_t *v;
    json_object_foreach(o->n.v, k, v)
        if (strcasecmp(k, key) == 0)
            return true;
    return false;
}

static bool in_list(const char *k, const char *const *list)
{
    for (; list && *list; list++)
        if (strcasecmp(k, *list) == 0)
            return true;
    return false;
}

static bool empty(const json_t *v)
{
    return json_is_null(v) || (json_is_object(v) && json_object_size(v) == 0) ||
           (json_is_array(v) && json_array_size(v) == 0);
}

bool obj_close(Reader *R, Obj *o, const char *const *ignored)
{
    const char *k;
    json_t *v;
    unsigned i = 0;
    bool ok = true;
    json_object_foreach(o->n.v, k, v) {
        bool used = i < 64 && (o->used >> i & 1);
        i++;
        if (used || in_list(k, ignored) || empty(v))
            continue;
        Node m = node_child(&o->n, k, v);
        BkpDiag *g = imp_error(R, &m, "unknown member `%s`: bkpc does not know what it does to the "
                               "policy, so it cannot write it in .bkp", k);
        bkp_diag_hint(R->D, g, "remove it if it does not matter, and import again");
        ok = false;
    }
    return ok;
}

long arr_open(Reader *R, const Node *n)
{
    if (json_is_array(n->v))
        return (long)json_array_size(n->v);
    if (n->v && n->v != R->poison)
        imp_error(R, n, "expected an array, found %s", json_kind(n->v));
    return -1;
}

Node arr_elem(Reader *R, const Node *n, size_t i)
{
    Node e = node_elem(n, i);
    if (e.v)
        e.v = effective(R, &e, e.v);
    return e;
}
