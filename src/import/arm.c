/* arm.c — the few ARM template expressions that name policies in exported
 * templates: `az group export` writes a policy's name as
 * "[concat(parameters('vaults_rsv_prod_name'), '/DefaultPolicy')]", Bicep
 * as "[format('{0}/{1}', parameters('vaultName'), 'DefaultPolicy')]".
 *
 * Evaluated: string and number literals, parameters('p') (its
 * defaultValue: bkpc reads the template, not a parameter file),
 * variables('v'), concat() of strings and format(). Anything else is an
 * error at the value that holds it; "[[" starts a literal "[" (ARM's
 * escape).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

enum { MAX_NEST = 16, MAX_ARGS = 16 };

typedef struct Eval {
    Reader *R;
    const char *s;          /* the expression, inside its brackets */
    size_t i, n;
    int depth;              /* variables that are expressions, nested */
    const char *why;        /* why it cannot be evaluated, or NULL */
} Eval;

static json_t *expr(Eval *e);

/* A value made here, owned by the reader until the file is done. */
static json_t *keep(Reader *R, json_t *v)
{
    if (!v || json_array_append_new(R->temps, v) != 0)
        return NULL;
    return v;
}

static void ws(Eval *e)
{
    while (e->i < e->n && (e->s[e->i] == ' ' || e->s[e->i] == '\t'))
        e->i++;
}

static bool eat(Eval *e, char c)
{
    ws(e);
    if (e->i < e->n && e->s[e->i] == c) {
        e->i++;
        return true;
    }
    return false;
}

static json_t *fail(Eval *e, const char *why)
{
    if (!e->why)
        e->why = why;
    return NULL;
}

/* 'text' with '' for a quote. */
static json_t *string_lit(Eval *e)
{
    char *buf = bkp_arena_alloc(e->R->A, e->n + 1);
    size_t k = 0;
    for (e->i++; e->i < e->n; e->i++) {
        if (e->s[e->i] == '\'') {
            if (e->i + 1 < e->n && e->s[e->i + 1] == '\'') {
                buf[k++] = '\'';
                e->i++;
                continue;
            }
            e->i++;
            return keep(e->R, json_stringn(buf, k));
        }
        buf[k++] = e->s[e->i];
    }
    return fail(e, "a string without its closing quote");
}

/* The value a template member stands for (a string may be an expression). */
static json_t *resolve(Eval *e, json_t *v)
{
    if (!json_is_string(v) || json_string_value(v)[0] != '[')
        return v;
    if (++e->depth > MAX_NEST)
        return fail(e, "variables nested too deep");
    Eval sub = *e;
    const char *s = json_string_value(v);
    size_t n = strlen(s);
    if (n >= 2 && s[1] == '[')
        return keep(e->R, json_string(s + 1));
    if (s[n - 1] != ']')
        return fail(e, "an expression without its closing bracket");
    sub.s = s + 1;
    sub.n = n - 2;
    sub.i = 0;
    json_t *r = expr(&sub);
    if (r && (ws(&sub), sub.i != sub.n))
        r = fail(&sub, "more after the expression");
    e->why = sub.why;
    return r;
}

/* Member `name` of `obj` (template names are read without regard to case). */
static json_t *member(json_t *obj, const char *name)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v)
        if (strcasecmp(k, name) == 0)
            return v;
    return NULL;
}

/* The text concat() or format() makes, in a buffer of a fixed size. */
typedef struct Joined {
    char buf[4096];
    size_t len;
    bool over;                 /* it did not fit */
} Joined;

static void put(Joined *j, const char *s, size_t n)
{
    if (n > sizeof j->buf - j->len) {
        n = sizeof j->buf - j->len;
        j->over = true;
    }
    memcpy(j->buf + j->len, s, n);
    j->len += n;
}

/* format()'s placeholder at f: "{N}" with N a decimal index, its length
 * (0: not one) and *idx. */
static size_t placeholder(const char *f, int *idx)
{
    size_t k = 1;
    long v = 0;
    while (f[k] >= '0' && f[k] <= '9' && v < 1000)
        v = v * 10 + (f[k++] - '0');
    if (k == 1 || f[k] != '}')
        return 0;
    *idx = (int)v;
    return k + 1;
}

/* concat(STRINGS...) or format(FORMAT, VALUES...), VALUES strings or
 * integers, FORMAT with {N} placeholders and {{ }} for braces. */
static json_t *join(Eval *e, bool format, json_t **a, int na)
{
    Joined j = {.len = 0, .over = false};
    char num[32];
    for (int k = 0; k < na; k++)
        if (!json_is_string(a[k]) && !(format && k > 0 && json_is_integer(a[k])))
            return fail(e, "concat() and format() of something other than strings");
    for (int k = 0; !format && k < na; k++)
        put(&j, json_string_value(a[k]), json_string_length(a[k]));
    for (const char *f = format && na >= 1 ? json_string_value(a[0]) : ""; *f && !j.over;) {
        int idx;
        size_t n;
        if ((f[0] == '{' && f[1] == '{') || (f[0] == '}' && f[1] == '}')) {
            put(&j, f, 1);
            f += 2;
        } else if (f[0] == '{' && (n = placeholder(f, &idx)) > 0 && idx + 1 < na) {
            json_t *x = a[idx + 1];
            if (json_is_string(x))
                put(&j, json_string_value(x), json_string_length(x));
            else
                put(&j, num, (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(x)));
            f += n;
        } else if (*f == '{' || *f == '}') {
            return fail(e, "a format() placeholder bkpc cannot fill");
        } else {
            put(&j, f++, 1);
        }
    }
    if (j.over || j.len >= sizeof j.buf)
        return fail(e, "a string too long");
    return keep(e->R, json_stringn(j.buf, j.len));
}

static json_t *call(Eval *e, const char *fn, json_t **a, int na)
{
    if (strcasecmp(fn, "parameters") == 0 || strcasecmp(fn, "variables") == 0) {
        bool param = strcasecmp(fn, "parameters") == 0;
        if (na != 1 || !json_is_string(a[0]))
            return fail(e, "parameters() and variables() take one name");
        json_t *v = member(param ? e->R->arm_params : e->R->arm_vars, json_string_value(a[0]));
        if (v && param)
            v = member(v, "defaultValue");
        if (!v)
            return fail(e, param ? "a parameter without a defaultValue" : "an unknown variable");
        return resolve(e, v);
    }
    if (strcasecmp(fn, "concat") == 0 || strcasecmp(fn, "format") == 0)
        return join(e, strcasecmp(fn, "format") == 0, a, na);
    return fail(e, "a function other than parameters(), variables(), concat() and format()");
}

static json_t *expr(Eval *e)
{
    ws(e);
    if (e->i >= e->n)
        return fail(e, "an empty expression");
    char c = e->s[e->i];
    if (c == '\'')
        return string_lit(e);
    if ((c >= '0' && c <= '9') || c == '-') {
        long long v = 0;
        int sign = c == '-' ? -1 : 1;
        for (e->i += c == '-'; e->i < e->n && e->s[e->i] >= '0' && e->s[e->i] <= '9'; e->i++)
            v = v * 10 + (e->s[e->i] - '0');
        return keep(e->R, json_integer(sign * v));
    }
    size_t start = e->i;
    while (e->i < e->n && ((e->s[e->i] >= 'a' && e->s[e->i] <= 'z') || (e->s[e->i] >= 'A' && e->s[e->i] <= 'Z')))
        e->i++;
    if (e->i == start || e->i - start > 32)
        return fail(e, "text bkpc cannot read as an expression");
    char fn[33];
    memcpy(fn, e->s + start, e->i - start);
    fn[e->i - start] = '\0';
    if (!eat(e, '('))
        return fail(e, "text bkpc cannot read as an expression");
    json_t *args[MAX_ARGS];
    int na = 0;
    if (!eat(e, ')')) {
        do {
            if (na == MAX_ARGS)
                return fail(e, "too many arguments");
            if (!(args[na++] = expr(e)))
                return NULL;
        } while (eat(e, ','));
        if (!eat(e, ')'))
            return fail(e, "a call without its closing parenthesis");
    }
    ws(e);
    if (e->i < e->n && (e->s[e->i] == '.' || e->s[e->i] == '['))
        return fail(e, "a property of a value");
    return call(e, fn, args, na);
}

json_t *arm_eval(Reader *R, const Node *n, json_t *s)
{
    Eval e = {R, NULL, 0, 0, 0, NULL};
    json_t *v = resolve(&e, s);
    if (v)
        return v;
    BkpDiag *g = imp_error(R, n, "an ARM template expression bkpc cannot evaluate (%s): `%s`",
                           e.why ? e.why : "out of memory", json_string_value(s));
    bkp_diag_hint(R->D, g, "bkpc evaluates parameters() (their defaultValue), variables(), concat() and format(); "
                  "write the value itself");
    return NULL;
}
