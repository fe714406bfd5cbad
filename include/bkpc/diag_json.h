/* diag_json.h — diagnostic records as JSON lines, for scripts and CI: one
 * object per diagnostic and per line, in the order every renderer shows
 * them (bkp_diags_sorted):
 *
 *   {"file":"card.bkp","range":{"start":P,"end":P},"severity":"error",
 *    "rule":"B7","message":"...","label":null,
 *    "secondary":[{"range":{"start":P,"end":P},"label":null}],
 *    "hints":["..."],"fix":{"range":{"start":P,"end":P},"text":"for 24h"},
 *    "help":"https://.../docs/rules/B7.md"}
 *
 * where a position P is {"line":1,"column":25,"column_utf16":25,"offset":24}:
 * line and columns count from 1, "column" in characters (code points, as the
 * text output), "column_utf16" in UTF-16 code units (as editors and SARIF),
 * and "offset" is the byte offset in the file, from 0. A range's end is the
 * position just past it (an empty range is a point). "label" and "fix" are
 * null when there is none; "fix" replaces the bytes of its range with its
 * text (BkpFix). "help" is the rule's page (ruledoc.h), null for an id
 * without one. Strings are UTF-8: a byte of the user's text that is not
 * UTF-8 becomes U+FFFD. docs/language.md §9 documents the format.
 */
#ifndef BKPC_DIAG_JSON_H
#define BKPC_DIAG_JSON_H

#include <stdio.h>

#include "bkpc/diag.h"

/* Writes every queued diagnostic, one line each. 0, or -1 when out of
 * memory or the stream failed. */
int bkp_diags_json(BkpDiags *d, FILE *out);

#endif
