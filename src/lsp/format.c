/* format.c — textDocument/formatting: `bkpc fmt`'s text (bkp_fmt_file,
 * fmt.h) as the few line edits that make it (bkp_line_diff), so the
 * client's cursor, marks and undo history stay where nothing changed. A
 * document with syntax errors is not formatted (the result is null); the
 * client's options (tab size, spaces) do not count: the layout is the
 * language's. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/fmt.h"
#include "lsp_int.h"

/* The byte offset where 0-based line `line` of src starts (its end if
 * there is no such line). */
static uint32_t line_start(BkpSource *src, uint32_t line)
{
    return bkp_source_offset16(src, line + 1, 1);
}

/* The edits as TextEdit[]: old lines [old_line, +old_n) of src become the
 * new lines of fmt. 0, or -1 when out of memory. */
static int write_edits(JsonW *w, BkpSource *src, BkpSource *fmt, const BkpLineEdit *v, size_t n)
{
    jw_arr(w);
    for (size_t i = 0; i < n; i++) {
        uint32_t a = line_start(src, v[i].old_line), b = line_start(src, v[i].old_line + v[i].old_n);
        uint32_t c = line_start(fmt, v[i].new_line), d = line_start(fmt, v[i].new_line + v[i].new_n);
        char *text = strndup(fmt->text + c, d - c);
        if (!text)
            return -1;
        jw_obj(w);
        jw_key(w, "range");
        lsp_write_range(w, src, bkp_span(a, b));
        jw_key(w, "newText");
        jw_str(w, text);
        jw_end_obj(w);
        free(text);
    }
    jw_end_arr(w);
    return 0;
}

int lsp_formatting(BkpLsp *s, const json_t *params, JsonW *w, LspError *e)
{
    LspDoc *d = lsp_doc(s, params, e);
    if (!d)
        return -1;
    size_t len;
    char *text = bkp_fmt_file(d->ast, &len);
    if (!text) {
        if (errno == EINVAL) {    /* syntax errors: the diagnostics say which */
            jw_null(w);
            return 0;
        }
        return lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
    }
    BkpSource *fmt = bkp_source_from_string(d->src->name, text, len);
    free(text);
    BkpLineEdit *edits = NULL;
    size_t n = 0;
    if (!fmt || bkp_line_diff(d->src->text, d->src->len, fmt->text, fmt->len, &edits, &n) != 0) {
        bkp_source_free(fmt);
        return lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
    }
    int rc = write_edits(w, d->src, fmt, edits, n);
    free(edits);
    bkp_source_free(fmt);
    return rc == 0 ? 0 : lsp_fail(e, LSP_INTERNAL_ERROR, "out of memory");
}
