/* fuzz_import.c — `bkpc import` (import.h) on arbitrary bytes as JSON.
 *
 * Properties: the diagnostics hold (fuzz_diags); a file with errors adds
 * no policy; when policies were read, the .bkp text made of them has no
 * syntax errors and is already in the canonical layout (formatting it
 * changes nothing), and when it checks, the program compiled from the text
 * is the one returned. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/fmt.h"
#include "bkpc/import.h"
#include "fuzz.h"

/* The text import wrote: it parses, is formatted, and compiles to prog. */
static void text_again(BkpSource *text, const BkpProgram *prog)
{
    FuzzUnit u;
    fuzz_compile(&u, text->name, text->text, text->len);
    FUZZ_CHECK(u.file->syntax_errors == 0, "the imported text has syntax errors:\n%s", text->text);
    size_t len;
    char *formatted = bkp_fmt_file(u.file, &len);
    FUZZ_CHECK(formatted != NULL, "the imported text cannot be formatted: %s", strerror(errno));
    FUZZ_CHECK(len == text->len && memcmp(formatted, text->text, len) == 0,
               "the imported text is not in the canonical layout:\n%s---\n%s", text->text, formatted);
    free(formatted);
    FUZZ_CHECK(!prog == !u.prog, "the imported text %s, but import says it %s", u.prog ? "checks" : "has errors",
               prog ? "checks" : "has errors");
    FUZZ_CHECK(!prog || bkp_program_equal(prog, u.prog), "the imported text compiles to another program");
    fuzz_unit_free(&u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    BkpSource *src = bkp_source_from_string("fuzz.json", (const char *)data, size), *text = NULL;
    FUZZ_CHECK(src != NULL, "out of memory");
    BkpImport im;
    bkp_import_init(&im, &ctx, FUZZ_DEFAULT_AT);
    (void)bkp_import_is_json(src);
    int n = bkp_import_read(&im, src);
    FUZZ_CHECK(n >= -1 && (n < 0) == (ctx.diags.errors > 0), "bkp_import_read returned %d with %u errors", n,
               ctx.diags.errors);
    FUZZ_CHECK(n >= 0 || im.prog.npolicies == 0, "a file with errors added %d policies", im.prog.npolicies);
    if (n > 0) {
        BkpProgram *prog = bkp_import_check(&im, "fuzz.bkp", &text);
        FUZZ_CHECK(text != NULL, "bkp_import_check made no text: %s", strerror(errno));
        text_again(text, prog);
    }
    fuzz_diags(&ctx.diags, fuzz_renderers(size));
    bkp_import_free(&im);
    bkp_ctx_free(&ctx);
    bkp_source_free(text);
    bkp_source_free(src);
    return 0;
}
