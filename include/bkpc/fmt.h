/* fmt.h — the formatter: a parsed file back to text in the canonical layout
 * (`bkpc fmt`, and an editor's "format document").
 *
 * The layout is the printer's (print.h: BkpPrinter, bkp_layout_rank,
 * BKP_LAYOUT_INDENT, BKP_LAYOUT_LIST_SEP); docs/language.md, "Canonical
 * layout", states it. The formatter changes only layout and the order of
 * the clauses inside a policy:
 *
 *   - every token is printed as written (bkp_ast_text): names keep their
 *     quotes and escapes, numbers their digits, durations their unit
 *     (`2y`, `180 days`: the blanks between a number and its unit become
 *     one space, and none stay none), times their digits (`8:00`), words
 *     their case and lists their order;
 *   - the clauses of a policy block, and the bare clauses of a file, are
 *     sorted by bkp_layout_rank(), stably; top-level statements keep their
 *     order (the bare clauses gather where the first of them stands);
 *   - every comment is kept, next to what it was written beside: a comment
 *     on a line of its own goes with the clause or statement below it (at
 *     the top of a block or of a bare-clause file, comments followed by a
 *     blank line stay at the top; before a `}`, they stay at the end of the
 *     block; at the end of the file, at the end); a comment after code
 *     stays after the last clause or statement of its line; a comment
 *     inside a clause or a statement (between its words, which the layout
 *     puts on one line), or between `policy` and `{`, goes on a line of
 *     its own just before it;
 *   - blank lines: one where one or more were written between clauses or
 *     statements (they move with the clause after them), none at the start
 *     or end of a block, and always one around a policy block and around
 *     the bare clauses.
 *
 * Formatting is idempotent, and the canonical printer's text
 * (bkp_program_text) is already formatted.
 */
#ifndef BKPC_FMT_H
#define BKPC_FMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/source.h"

/* The text of f in the canonical layout: malloc'd, NUL-terminated, *len
 * bytes (len may be NULL); the caller frees it. NULL with errno EINVAL when
 * f holds syntax errors (f->syntax_errors: such a file is never
 * formatted), ENOMEM when out of memory. */
char *bkp_fmt_file(const AstFile *f, size_t *len);

/* Parses src in ctx (bkp_parse) and formats it. NULL as bkp_fmt_file(): on
 * syntax errors their diagnostics are in ctx->diags. */
char *bkp_fmt_source(BkpCtx *ctx, BkpSource *src, size_t *len);

/* ---- differences of two texts, line by line -------------------------------- */

/* A change: old lines [old_line, old_line + old_n) become new lines
 * [new_line, new_line + new_n) (0-based line numbers; a count may be 0). */
typedef struct BkpLineEdit {
    uint32_t old_line, old_n;
    uint32_t new_line, new_n;
} BkpLineEdit;

/* The changes that turn text a (na bytes) into b, in order, as few as the
 * diff finds (Myers' algorithm; past a few thousand differing lines, what
 * lies between the common first and last lines is one change). A line is
 * its bytes up to and with its newline, so a last line without one differs
 * from the same line with one. *edits is malloc'd (NULL when there are
 * none); returns 0, or -1 with errno ENOMEM (or EFBIG: over 2^32 lines). */
int bkp_line_diff(const char *a, size_t na, const char *b, size_t nb, BkpLineEdit **edits,
                  size_t *nedits);

/* A unified diff (`diff -u`: three lines of context) from a to b, both
 * named `name` in its `---`/`+++` lines (so `patch -p0` applies it to that
 * file); nothing when they are equal. Returns 0, or -1 with errno set (out
 * of memory, or out's error). */
int bkp_unified_diff(FILE *out, const char *name, const char *a, size_t na, const char *b,
                     size_t nb);

#endif
