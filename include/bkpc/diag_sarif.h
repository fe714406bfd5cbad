/* diag_sarif.h — diagnostic records as a SARIF 2.1.0 log, for code-scanning
 * services (GitHub code scanning, Azure DevOps) and SARIF viewers.
 *
 * One log with one run: tool.driver is bkpc (name, version, informationUri)
 * with rules[] from the rule reference (ruledoc.h: every id the checker
 * reports, with its title, what Azure requires, the page as help text and
 * its URL as helpUri); each diagnostic is a result with ruleId, ruleIndex,
 * level, message (the hints appended as "hint: " lines), its location and
 * region, relatedLocations for secondary spans (with their labels), and
 * fixes for its machine-applicable fix. Columns count UTF-16 code units,
 * SARIF's default, and the run says so (columnKind "utf16CodeUnits");
 * endColumn is the column just past the span. A file path becomes a
 * relative URI reference (percent-encoded), an absolute one a file:// URI.
 *
 * A log collects the diagnostics of several files, one bkp_sarif_add per
 * file, and is written once at the end.
 */
#ifndef BKPC_DIAG_SARIF_H
#define BKPC_DIAG_SARIF_H

#include <stdbool.h>
#include <stdio.h>

#include "bkpc/diag.h"

typedef struct BkpSarif BkpSarif;

/* A new, empty log; NULL when out of memory. */
BkpSarif *bkp_sarif_new(void);
/* Adds every queued diagnostic of `d` as a result (in bkp_diags_sorted
 * order). The records may be freed afterwards. 0, or -1 when out of memory. */
int bkp_sarif_add(BkpSarif *s, BkpDiags *d);
/* Records that the run failed for a reason that is not a diagnostic (an
 * input that could not be read): a tool execution notification with
 * `message`, and executionSuccessful false. */
void bkp_sarif_fail(BkpSarif *s, const char *message);
/* Writes the log (indented JSON, a final newline). 0, or -1 when out of
 * memory or the stream failed. */
int bkp_sarif_write(const BkpSarif *s, FILE *out);
void bkp_sarif_free(BkpSarif *s);

#endif
