/* ruledoc.c — the rule reference (see include/bkpc/ruledoc.h). The table's
 * rows are generated from the pages docs/rules/ID.md at build time. */
#include "bkpc/ruledoc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const BkpRuleDoc docs[] = {
#include "rule_docs.inc"
};

const BkpRuleDoc *bkp_rule_docs(size_t *n)
{
    *n = sizeof docs / sizeof docs[0];
    return docs;
}

const BkpRuleDoc *bkp_rule_doc(const char *id)
{
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
        if (strcasecmp(docs[i].id, id) == 0)
            return &docs[i];
    return NULL;
}

const char *bkp_rule_kind_name(BkpRuleKind kind)
{
    switch (kind) {
    case BKP_RULE_ERROR: return "error";
    case BKP_RULE_WARNING: return "warning";
    case BKP_RULE_CONSTRUCTION: return "by construction";
    case BKP_RULE_NOTE: return "note";
    }
    return "?";
}

char *bkp_rule_doc_url(const char *id, char *buf, size_t cap)
{
    if (cap == 0)
        return buf;
    int n = snprintf(buf, cap, "%s%s.md", BKP_RULE_DOC_URL, id);
    if (n < 0 || (size_t)n >= cap)
        buf[0] = '\0';
    return buf;
}
