/* import.c — the import stage's front door (include/bkpc/import.h): a JSON
 * file's text made ready for jansson (UTF-16 as PowerShell 5 writes it, a
 * byte-order mark, a size bound), parsed, read by forms.c, its policies
 * collected; then all of them printed and checked. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/compile.h"
#include "bkpc/print.h"
#include "import_int.h"

void bkp_import_init(BkpImport *im, BkpCtx *ctx, int64_t now)
{
    memset(im, 0, sizeof *im);
    im->ctx = ctx;
    im->now = now;
    im->tail = &im->prog.policies;
}

void bkp_import_free(BkpImport *im)
{
    for (int i = 0; i < im->nowned; i++)
        bkp_source_free(im->owned[i]);
    free(im->owned);
    free(im->from);
    memset(im, 0, sizeof *im);
}

/* ---- the text -------------------------------------------------------------------------- */

static bool utf16_bom(const BkpSource *src, bool *le)
{
    const unsigned char *t = (const unsigned char *)src->text;
    *le = src->len >= 2 && t[0] == 0xFF && t[1] == 0xFE;
    return *le || (src->len >= 2 && t[0] == 0xFE && t[1] == 0xFF);
}

size_t import_text_start(const BkpSource *src)
{
    return src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool bkp_import_is_json(const BkpSource *src)
{
    bool le;
    if (utf16_bom(src, &le))
        return true;
    size_t i = import_text_start(src);
    while (i < src->len && (src->text[i] == ' ' || src->text[i] == '\t' || src->text[i] == '\r' ||
                            src->text[i] == '\n'))
        i++;
    return i < src->len && (src->text[i] == '{' || src->text[i] == '[');
}

/* A UTF-16 file (with its byte-order mark, as Windows PowerShell's `>` and
 * Out-File write it) as a UTF-8 source of the same name; the source itself
 * otherwise. NULL (and an error) when it is not UTF-16 after all. */
static BkpSource *as_utf8(BkpImport *im, BkpSource *src)
{
    bool le;
    if (!utf16_bom(src, &le))
        return src;
    iconv_t cd = iconv_open("UTF-8", le ? "UTF-16LE" : "UTF-16BE");
    size_t cap = src->len / 2 * 3 + 4, left = cap, in_left = src->len - 2;
    char *out = cd == (iconv_t)-1 ? NULL : malloc(cap), *w = out, *in = src->text + 2;
    bool ok = out && iconv(cd, &in, &in_left, &w, &left) != (size_t)-1;
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    BkpSource *u = ok ? bkp_source_from_string(src->name, out, cap - left) : NULL;
    free(out);
    BkpSource **grown = u ? realloc(im->owned, sizeof *grown * (size_t)(im->nowned + 1)) : NULL;
    if (!grown) {
        bkp_source_free(u);
        bkp_error(&im->ctx->diags, src, "json", bkp_span(0, 2), "%s",
                  ok ? "out of memory" : "the file starts as UTF-16 but is not UTF-16 text");
        return NULL;
    }
    im->owned = grown;
    im->owned[im->nowned++] = u;
    return u;
}

/* Whether the text holds at most BKP_IMPORT_MAX_VALUES values (counted
 * from its commas and brackets, outside strings), before jansson builds
 * them all; an error at the first value past the bound otherwise. */
static bool within_bound(BkpImport *im, BkpSource *src, size_t off)
{
    size_t count = 0;
    for (size_t i = off; i < src->len; i++) {
        char c = src->text[i];
        if (c == '"') {
            for (i++; i < src->len && src->text[i] != '"'; i++)
                i += src->text[i] == '\\';
        } else if (c == ',' || c == '[' || c == '{') {
            count += c == ',' ? 1 : 2;
            if (count > BKP_IMPORT_MAX_VALUES) {
                BkpDiag *g = bkp_error(&im->ctx->diags, src, "import", bkp_span((uint32_t)i, (uint32_t)i + 1),
                                       "more than %d JSON values: far more than the policies of any vault",
                                       BKP_IMPORT_MAX_VALUES);
                bkp_diag_hint(&im->ctx->diags, g, "import the policies, not a whole export of everything");
                return false;
            }
        }
    }
    return true;
}

/* The parsed file, or NULL and an error (`json`) at the point jansson
 * stopped. */
static json_t *parse(BkpImport *im, BkpSource *src)
{
    size_t off = import_text_start(src);
    if (!within_bound(im, src, off))
        return NULL;
    json_error_t err;
    json_t *root = json_loadb(src->text + off, src->len - off, JSON_REJECT_DUPLICATES, &err);
    if (root)
        return root;
    size_t at = off + (err.position > 0 ? (size_t)err.position : 0), from = at;
    if (at > src->len)
        at = from = src->len;
    /* jansson stops past the token it names ("near 'x'"): mark the token. */
    const char *near = strstr(err.text, "near '"), *q = near ? strrchr(near, '\'') : NULL;
    size_t tl = near && q > near + 6 ? (size_t)(q - near - 6) : 0;
    if (tl && tl <= at - off && memcmp(src->text + at - tl, near + 6, tl) == 0)
        from = at - tl;
    BkpDiag *g = bkp_error(&im->ctx->diags, src, "json", bkp_span((uint32_t)from, (uint32_t)at),
                           "not valid JSON: %s", err.text);
    if (strstr(err.text, "end of ") && src->len > off)
        bkp_diag_hint(&im->ctx->diags, g, "the file ends before its JSON does: was it cut short?");
    return NULL;
}

int bkp_import_read(BkpImport *im, BkpSource *src)
{
    BkpDiags *D = &im->ctx->diags;
    unsigned before = D->errors;
    BkpPolicy **tail = im->tail;
    int n0 = im->prog.npolicies;
    bool had_vault = im->prog.vault != NULL;
    if (!(src = as_utf8(im, src)))
        return -1;
    json_t *root = parse(im, src);
    if (!root)
        return -1;
    Reader R = {.im = im, .src = src, .D = D, .A = &im->ctx->arena, .dialect = DIALECT_REST};
    R.temps = json_array();
    R.poison = json_object();
    Node top = {root, NULL, NULL, 0};
    if (R.temps && R.poison)
        read_file(&R, &top);
    else
        bkp_error(D, src, "import", bkp_span(0, 0), "out of memory");
    json_decref(R.temps);
    json_decref(R.poison);
    json_decref(root);
    if (D->errors == before)
        return im->prog.npolicies - n0;
    /* A file with errors adds nothing. */
    *tail = NULL;
    im->tail = tail;
    im->prog.npolicies = n0;
    if (!had_vault)
        im->prog.vault = NULL;
    return -1;
}

void import_add(Reader *R, BkpPolicy *p, const BkpVault *vault, const Node *at)
{
    BkpImport *im = R->im;
    int i = 0;
    for (const BkpPolicy *q = im->prog.policies; q; q = q->next, i++)
        if (strcmp(q->name, p->name) == 0) {
            BkpDiag *g = imp_error(R, at, "a second policy named `%s` (the first is in %s)", p->name, im->from[i]);
            bkp_diag_hint(R->D, g, "one .bkp file defines each policy once; import the two into files of "
                          "their own");
            return;
        }
    if (vault && im->prog.vault && !bkp_vault_equal(vault, im->prog.vault)) {
        const BkpVault *v = im->prog.vault;
        BkpDiag *g = imp_error(R, at, "policy `%s` is in vault `%s` (resource group `%s`), but a policy read "
                               "before it (from %s) is in vault `%s` (resource group `%s`): one .bkp file names "
                               "one vault", p->name, vault->name, vault->resource_group, im->from[im->vault_from],
                               v->name, v->resource_group);
        bkp_diag_hint(R->D, g, "import the policies of each vault into a file of its own");
        return;
    }
    if (im->prog.npolicies == im->cap_from) {
        int cap = im->cap_from ? im->cap_from * 2 : 16;
        const char **f = realloc(im->from, sizeof *f * (size_t)cap);
        if (!f) {
            imp_error(R, at, "out of memory");
            return;
        }
        im->from = f;
        im->cap_from = cap;
    }
    if (vault && !im->prog.vault) {
        im->vault = *vault;
        im->prog.vault = &im->vault;
        im->vault_from = im->prog.npolicies;
    }
    im->from[im->prog.npolicies++] = bkp_arena_strdup(R->A, R->src->name);
    p->next = NULL;
    *im->tail = p;
    im->tail = &p->next;
}

BkpProgram *bkp_import_check(BkpImport *im, const char *name, BkpSource **text)
{
    *text = NULL;
    if (!im->prog.npolicies)
        return NULL;
    size_t len;
    char *t = bkp_program_text(&im->prog, &len);
    if (!t)
        return NULL;
    *text = bkp_source_from_string(name, t, len);
    free(t);
    if (!*text)
        return NULL;
    return bkp_compile(im->ctx, *text);
}
