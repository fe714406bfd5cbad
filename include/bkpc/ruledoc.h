/* ruledoc.h — the rule reference: one page per rule id, as the project's
 * docs/rules/ID.md.
 *
 * The pages are Markdown files (docs/rules/B7.md, docs/rules/syntax.md);
 * scripts/gen-rule-docs.py turns them into a table at build time, so the
 * binary prints them (`bkpc explain-rule B7`) and the machine-readable
 * renderers link to them (BKP_RULE_DOC_URL). A page starts:
 *
 *   # B7: one line that says what the rule demands
 *   (blank)
 *   Reported as: error.          (or warning, or nothing: see BkpRuleKind)
 *   (blank)
 *   One paragraph: what Azure requires.
 *
 * There is a page for every id the checker reports (the ids of
 * reference/RULES.md it checks and the language's own: syntax, unit, value,
 * duplicate, schedule, name), for every rule the language enforces by
 * construction, and for the notes on how Azure runs a policy that the
 * interpreter relies on (A8, B12).
 */
#ifndef BKPC_RULEDOC_H
#define BKPC_RULEDOC_H

#include <stddef.h>

#include "bkpc/version.h"

typedef enum {
    BKP_RULE_ERROR,          /* "Reported as: error." */
    BKP_RULE_WARNING,        /* "Reported as: warning." */
    BKP_RULE_CONSTRUCTION,   /* "Reported as: nothing (enforced by construction)." */
    BKP_RULE_NOTE,           /* "Reported as: nothing (a note on semantics)." */
} BkpRuleKind;

typedef struct BkpRuleDoc {
    const char *id;          /* "B7", "syntax" */
    BkpRuleKind kind;
    const char *title;       /* the heading after "ID: ", one line */
    const char *summary;     /* the first paragraph: what Azure requires (one line) */
    const char *text;        /* the whole page, Markdown, ending in a newline */
} BkpRuleDoc;

/* Every page: the ids of RULES.md in letter then number order (A1, A2, ...,
 * A10, B1, ...), then the language's own ids in alphabetical order. */
const BkpRuleDoc *bkp_rule_docs(size_t *n);
/* The page of `id` (ASCII case does not matter: "b7" is B7); NULL if none. */
const BkpRuleDoc *bkp_rule_doc(const char *id);
/* "error", "warning", "by construction" or "note". */
const char *bkp_rule_kind_name(BkpRuleKind kind);

/* Where a rule's page is published: BKP_RULE_DOC_URL followed by the id and
 * ".md" (https://github.com/bkpc/bkpc/blob/main/docs/rules/B7.md). The
 * machine-readable diagnostics (JSON, SARIF) and the language server link
 * here. */
#define BKP_RULE_DOC_URL BKPC_HOMEPAGE "/blob/main/docs/rules/"
/* The URL of `id`'s page into buf (cap bytes); returns buf ("" when it does
 * not fit). */
char *bkp_rule_doc_url(const char *id, char *buf, size_t cap);

#endif
