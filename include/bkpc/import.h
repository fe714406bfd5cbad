/* import.h — the policies an admin already has, as JSON, into .bkp:
 *
 *   JSON -> policy values        bkp_import_read   (src/import/)
 *   values -> canonical text     print.h's printer
 *   text -> checked program      bkp_compile       (the checker's diagnostics
 *                                                   point into the new text)
 *
 * Four forms are read, told apart by their shape (docs/language.md, "Import"):
 *   - a REST PUT body or GET response, `{"properties": {...}}` with or
 *     without `id` and `name`, a list response `{"value": [...]}`, and what
 *     `az backup policy show` (one object) and `list` (an array) print;
 *   - `Get-AzRecoveryServicesBackupProtectionPolicy | ConvertTo-Json`: the
 *     PowerShell object model (PascalCase, enums as names or numbers);
 *   - an ARM template or `az group export`: every resource of type
 *     Microsoft.RecoveryServices/vaults/backupPolicies, nested ones too.
 *
 * A value that the language cannot say, or a JSON value of the wrong type,
 * is an error (rule id `import`; `json` for text that is not JSON) naming
 * the JSON path and pointing at the value; nothing is ever dropped
 * silently. A value the language can say but Azure refuses (a daily
 * retention of 1 day) is read as written: the checker reports it in the
 * new text. Schedule times are read as Azure reads them: the UTC clock of
 * the date-time is the local time in the policy's time zone (RULES.md A7).
 */
#ifndef BKPC_IMPORT_H
#define BKPC_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/ctx.h"
#include "bkpc/policy.h"
#include "bkpc/source.h"

/* Everything read so far, in the order read. */
typedef struct BkpImport {
    BkpCtx *ctx;                /* arena and diagnostics of the whole import */
    int64_t now;                /* UTC seconds: a time dated after it gets a warning */
    BkpProgram prog;            /* the policies read, and their vault */
    BkpPolicy **tail;
    BkpVault vault;             /* prog.vault points here once an id named one */
    int vault_from;             /* the policy whose id named it (an index) */
    const char **from;          /* per policy, in order: the file it came from */
    int cap_from;
    BkpSource **owned;          /* sources made here (a UTF-16 file as UTF-8) */
    int nowned;
} BkpImport;

/* The largest number of JSON values one file may hold (bkpc reads policies;
 * a larger file is refused before it is parsed). */
enum { BKP_IMPORT_MAX_VALUES = 1000000 };

void bkp_import_init(BkpImport *im, BkpCtx *ctx, int64_t now);
/* Frees what the import made (never ctx, nor the sources given to it).
 * Its diagnostics may point into sources it made: render them first. */
void bkp_import_free(BkpImport *im);

/* Reads one JSON file in any of the forms and adds its policies. Returns how
 * many it added; -1 when the file had errors (queued on ctx->diags, with
 * the JSON path and position), and then it adds none. `src` must outlive
 * the import's diagnostics. */
int bkp_import_read(BkpImport *im, BkpSource *src);

/* Whether src holds JSON, as bkp_import_read takes it: an object or an
 * array after any byte-order mark (UTF-8 or UTF-16). A .bkp file never
 * starts with `{` or `[`. */
bool bkp_import_is_json(const BkpSource *src);

/* Everything read, as canonical .bkp text in a new source named `name` (in
 * *text, to free with bkp_source_free), checked: returns the checked
 * program, or NULL when the checker found errors (queued on ctx->diags,
 * pointing into *text). *text is NULL, and NULL returned, when nothing was
 * read or the text cannot be made (an error is queued, or errno ENOMEM). */
BkpProgram *bkp_import_check(BkpImport *im, const char *name, BkpSource **text);

#endif
