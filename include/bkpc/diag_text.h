/* diag_text.h — diagnostic records as text, for a terminal or a log:
 *
 *   file:line:col: error[B7]: message
 *    3 |     every 4h from 08:00 for 23h
 *      |           ~~                ^^^ primary label
 *   hint: `for 24h` gives the same six backups a day
 *
 * The primary span is marked `^`, secondary spans `~`; the column is
 * bkp_source_pos's, in characters. Control characters of the user's text are
 * escaped (`\x1b`) in the file name, messages, labels and hints, and shown as
 * `?` in source lines. Output goes through a buffer, in large writes.
 */
#ifndef BKPC_DIAG_TEXT_H
#define BKPC_DIAG_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "bkpc/diag.h"

/* Print every queued diagnostic, sorted by source then position. */
void bkp_diags_print(BkpDiags *d, FILE *out);
/* The same, with ANSI colours when `color` (for a terminal): the severity
 * and rule id and the `^` carets in bold red (error) or yellow (warning), the
 * `~` marks and the margin in bold blue, `hint:` in bold cyan, the message
 * in bold. The text between the escape sequences is bkp_diags_print's. */
void bkp_diags_print_color(BkpDiags *d, FILE *out, bool color);
void bkp_diag_print(const BkpDiag *g, FILE *out);

#endif
