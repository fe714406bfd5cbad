/* fuzz_fmt.c — the formatter (fmt.h) on arbitrary bytes.
 *
 * Properties: a file with syntax errors is refused (NULL, EINVAL); any
 * other is formatted, and its text
 *   - parses without syntax errors;
 *   - is formatted already: formatting it again changes nothing;
 *   - gets the same diagnostics (severity and rule, in any order) and, when
 *     the file checks, compiles to an equal program with the same REST
 *     bodies, byte for byte. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/emit.h"
#include "bkpc/fmt.h"
#include "fuzz.h"

/* The diagnostics of d as "severity rule" lines, sorted (to free). */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static char *diag_set(const BkpDiags *d)
{
    char **v = calloc(d->count + 1, sizeof *v);
    FUZZ_CHECK(v != NULL, "out of memory");
    size_t n = 0, len = 1;
    for (const BkpDiag *g = d->head; g && n < d->count; g = g->next) {
        v[n] = malloc(strlen(g->rule) + 4);
        FUZZ_CHECK(v[n] != NULL, "out of memory");
        len += (size_t)sprintf(v[n++], "%d %s\n", (int)g->sev, g->rule);
    }
    qsort(v, n, sizeof *v, cmp_str);
    char *out = malloc(len), *w = out;
    FUZZ_CHECK(out != NULL, "out of memory");
    *w = '\0';
    for (size_t i = 0; i < n; i++) {
        w = stpcpy(w, v[i]);
        free(v[i]);
    }
    free(v);
    return out;
}

static char *body(const BkpPolicy *p)
{
    FuzzOut o;
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_emit_json(p, o.f) == 0, "bkp_emit_json failed");
    fuzz_out_close(&o);
    return o.buf;
}

/* The same diagnostics, and for a file that checks the same build. */
static void same_build(const FuzzUnit *a, const FuzzUnit *b)
{
    char *da = diag_set(&a->ctx.diags), *db = diag_set(&b->ctx.diags);
    FUZZ_CHECK(a->ctx.diags.errors == b->ctx.diags.errors && strcmp(da, db) == 0,
               "the diagnostics differ after formatting:\n%s---\n%s", da, db);
    free(da);
    free(db);
    if (!a->prog)
        return;
    FUZZ_CHECK(b->prog && bkp_program_equal(a->prog, b->prog), "the program differs after formatting");
    for (const BkpPolicy *p = a->prog->policies, *q = b->prog->policies; p && q; p = p->next, q = q->next) {
        char *x = body(p), *y = body(q);
        FUZZ_CHECK(strcmp(x, y) == 0, "the REST body of %s differs after formatting", p->name);
        free(x);
        free(y);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzUnit a;
    fuzz_compile(&a, "fuzz.bkp", data, size);
    size_t n1, n2;
    errno = 0;
    char *once = bkp_fmt_file(a.file, &n1);
    if (a.file->syntax_errors) {
        FUZZ_CHECK(!once && errno == EINVAL, "a file with syntax errors was formatted");
        fuzz_unit_free(&a);
        return 0;
    }
    FUZZ_CHECK(once != NULL, "not formatted: %s", strerror(errno));
    FuzzUnit b;
    fuzz_compile(&b, "fuzz.bkp", once, n1);
    FUZZ_CHECK(!b.file->syntax_errors, "the formatted text has syntax errors:\n%s", once);
    char *twice = bkp_fmt_file(b.file, &n2);
    FUZZ_CHECK(twice && n1 == n2 && memcmp(once, twice, n1) == 0, "formatting is not idempotent:\n%s---\n%s", once,
               twice ? twice : "(null)");
    same_build(&a, &b);
    free(once);
    free(twice);
    fuzz_unit_free(&a);
    fuzz_unit_free(&b);
    return 0;
}
