/* fuzz_emit.c — check + every backend (emit.h) on the inputs that check.
 *
 * Properties, for a program that checks: each policy's REST body as bkpc
 * prints it (bkp_emit_json) is one JSON value, equal to bkp_rest_body();
 * the PowerShell and Azure CLI scripts of the whole program and of one
 * policy are written; the canonical printer's text compiles to an equal
 * program; and one policy's body, named and imported back (import.h),
 * is an equal policy: the REST backend and the importer agree. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bkpc/emit.h"
#include "bkpc/import.h"
#include "bkpc/print.h"
#include "fuzz.h"

static void rest_body(const BkpPolicy *p)
{
    FuzzOut o;
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_emit_json(p, o.f) == 0, "bkp_emit_json failed for %s", p->name);
    fuzz_out_close(&o);
    FUZZ_CHECK(fuzz_json_stream(o.buf, o.len, "a REST body") == 1, "the body of %s is not one JSON value",
               p->name);
    json_t *printed = json_loadb(o.buf, o.len, 0, NULL), *tree = bkp_rest_body(p);
    FUZZ_CHECK(tree && json_equal(printed, tree), "the printed body of %s is not bkp_rest_body()", p->name);
    json_decref(printed);
    json_decref(tree);
    fuzz_out_free(&o);
}

static void scripts(const BkpProgram *prog, const BkpPolicy *only)
{
    FuzzOut o;
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_emit_ps1(prog, only, o.f) == 0, "bkp_emit_ps1 failed");
    FUZZ_CHECK(bkp_emit_azcli(prog, only, o.f) == 0, "bkp_emit_azcli failed");
    fuzz_out_free(&o);
}

/* The canonical text of prog compiles to an equal program. */
static void printed_again(const BkpProgram *prog)
{
    size_t len;
    char *text = bkp_program_text(prog, &len);
    FUZZ_CHECK(text != NULL, "bkp_program_text: out of memory");
    FuzzUnit u;
    fuzz_compile(&u, prog->src->name, text, len);
    FUZZ_CHECK(u.prog && bkp_program_equal(prog, u.prog), "the printer's text of the program does not "
               "compile to an equal program:\n%s", text);
    fuzz_unit_free(&u);
    free(text);
}

/* p's body with its name, as a GET response: imported, the same policy. */
static void imported_again(const BkpPolicy *p)
{
    json_t *body = bkp_rest_body(p);
    FUZZ_CHECK(body && json_object_set_new(body, "name", json_string(p->name)) == 0, "out of memory");
    char *json = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    FUZZ_CHECK(json != NULL, "json_dumps: out of memory");
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("body.json", json, strlen(json)), *text = NULL;
    FUZZ_CHECK(src != NULL, "out of memory");
    BkpImport im;
    bkp_import_init(&im, &ctx, FUZZ_DEFAULT_AT);
    FUZZ_CHECK(bkp_import_read(&im, src) == 1, "the body of %s does not import: %s", p->name,
               ctx.diags.head ? ctx.diags.head->msg : "(no diagnostic)");
    BkpProgram *back = bkp_import_check(&im, "back.bkp", &text);
    FUZZ_CHECK(back && back->npolicies == 1, "the body of %s, imported, does not check: %s", p->name,
               ctx.diags.head ? ctx.diags.head->msg : "(no diagnostic)");
    BkpField f[BKP_FIELD_COUNT];
    int nf = bkp_policy_diff(p, back->policies, f);
    FUZZ_CHECK(nf == 0, "the body of %s, imported, differs in its %s:\n%s", p->name, bkp_field_name(f[0]),
               text->text);
    bkp_import_free(&im);
    bkp_ctx_free(&ctx);
    bkp_source_free(text);
    bkp_source_free(src);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzParams par;
    fuzz_params(data, size, &par);
    FuzzUnit u;
    fuzz_compile(&u, "fuzz.bkp", data, size);
    if (u.prog) {
        for (const BkpPolicy *p = u.prog->policies; p; p = p->next)
            rest_body(p);
        const BkpPolicy *one = fuzz_policy(u.prog, par.pick);
        scripts(u.prog, NULL);
        if (one) {
            scripts(u.prog, one);
            imported_again(one);
        }
        printed_again(u.prog);
    }
    fuzz_unit_free(&u);
    return 0;
}
