/* diag.h — diagnostic records: queued by every stage during a run, shown
 * together by a renderer (text: diag_text.h; JSON, SARIF or an editor
 * protocol read the same records).
 *
 * A record has a severity, a rule id, a message, a primary span and up to
 * three secondary spans ("this conflicts with that"), each with an optional
 * label, hints, and at most one machine-applicable fix. The rule id is the
 * id in reference/RULES.md (A1..F6) or one of the language's own ids
 * (syntax, unit, duplicate, name, ...; docs/language.md). Spans are byte
 * offsets into `src`; bkp_source_pos (source.h) gives their line and
 * columns in characters and in UTF-16 units.
 *
 * Strings are as the stages wrote them, with the user's text in them as it
 * was written (control characters included): each renderer escapes for its
 * medium (the text renderer for a terminal, a JSON writer for JSON).
 */
#ifndef BKPC_DIAG_H
#define BKPC_DIAG_H

#include <stdbool.h>

#include "bkpc/arena.h"
#include "bkpc/source.h"

typedef enum { BKP_SEV_ERROR, BKP_SEV_WARNING } BkpSeverity;

#define BKP_DIAG_MAX_SECONDARY 3
#define BKP_DIAG_MAX_HINTS 4

typedef struct BkpLabel {
    BkpSpan span;
    const char *text;      /* may be NULL */
    BkpSource *src;        /* a secondary span's file when it is not the
                              diagnostic's own; NULL: the diagnostic's */
} BkpLabel;

/* A machine-applicable fix: replace the bytes of `span` with `text` (an
 * insertion when the span is empty, a deletion when the text is). A stage
 * sets one where a hint names one exact edit ("did you mean `sun`?", "write
 * `7d`"), never where the hint offers a choice; applied, the fix makes the
 * diagnostic go away (another may follow). An editor applies it as a code
 * action; the text renderer shows it only as the hint that goes with it. */
typedef struct BkpFix {
    BkpSpan span;
    const char *text;
} BkpFix;

typedef struct BkpDiag {
    BkpSeverity sev;
    const char *rule;      /* "B7", "syntax", ... */
    BkpSource *src;
    BkpLabel primary;
    BkpLabel secondary[BKP_DIAG_MAX_SECONDARY];
    int nsecondary;
    const char *msg;
    const char *hints[BKP_DIAG_MAX_HINTS];
    int nhints;
    BkpFix fix;            /* fix.text NULL: none */
    unsigned seq;          /* insertion order, for a stable sort */
    struct BkpDiag *next;
} BkpDiag;

/* The file of a label of g: its own, or g's. */
static inline BkpSource *bkp_label_src(const BkpDiag *g, const BkpLabel *l)
{
    return l->src ? l->src : g->src;
}

typedef struct BkpDiags {
    BkpArena *arena;       /* where records and their strings live */
    BkpDiag *head, *tail;
    unsigned count, errors, warnings;   /* errors, warnings: queued or not */
    /* At most `limit` records are queued (0: no limit): the last one says
     * "too many diagnostics"; later ones are counted in errors and warnings
     * but go to `sink`, a record that is never queued (callers may add
     * hints to it as to any other). A stage sets it around its run. */
    unsigned limit;
    BkpDiag *sink;
} BkpDiags;

void bkp_diags_init(BkpDiags *d, BkpArena *arena);

/* Queue a diagnostic; returns it so callers can add labels and hints. */
BkpDiag *bkp_error(BkpDiags *d, BkpSource *src, const char *rule, BkpSpan span,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
BkpDiag *bkp_warning(BkpDiags *d, BkpSource *src, const char *rule, BkpSpan span,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void bkp_diag_label(BkpDiags *d, BkpDiag *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));       /* label of the primary span */
void bkp_diag_secondary(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A secondary span in file `src` (the diagnostic's own when src is g->src
 * or NULL). */
void bkp_diag_secondary_in(BkpDiags *d, BkpDiag *g, BkpSource *src, BkpSpan span, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Whether g says "too many diagnostics", or is past the limit: nothing
 * added to it is kept (a costly hint need not be worked out). */
bool bkp_diag_muted(const BkpDiags *d, const BkpDiag *g);
void bkp_diag_hint(BkpDiags *d, BkpDiag *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The diagnostic's machine-applicable fix (one per diagnostic; a later call
 * replaces it): replace `span` with `text` (copied). */
void bkp_diag_fix(BkpDiags *d, BkpDiag *g, BkpSpan span, const char *text);

/* The queued diagnostics in the order every renderer shows them: sources in
 * the order of their first diagnostic, then by position, then in the order
 * queued. An array of d->count records, to free(); NULL when there are none
 * or memory runs out. */
BkpDiag **bkp_diags_sorted(const BkpDiags *d);

#endif
