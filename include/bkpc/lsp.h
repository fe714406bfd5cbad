/* lsp.h — a language server for .bkp files (the Language Server Protocol
 * 3.17, JSON-RPC 2.0 over a byte stream): `bkpc lsp` is a thin loop over
 * these functions, and a test or a fuzzer calls them in-process.
 *
 * The server keeps every open document and one compilation of it (a BkpCtx
 * with its arena: tree, checked program, diagnostics) per version, freed
 * when the next version replaces it, so memory does not grow with edits.
 * It answers:
 *
 *   initialize, shutdown, exit; textDocument/didOpen, didChange (full or
 *   incremental, ranges in UTF-16 code units), didClose;
 *   textDocument/publishDiagnostics after each open and change: severity,
 *   the rule id as `code`, its page as `codeDescription`, secondary spans
 *   as `relatedInformation`, the hints after the message;
 *   textDocument/hover: a clause's meaning and the facts of `bkpc explain`
 *   about it, a time zone's offsets and daylight saving time, a policy's
 *   whole explanation, the rule of a diagnostic under the cursor;
 *   textDocument/completion: clause and statement keywords, weekdays,
 *   months, weeks of the month, units, Windows time-zone ids, policy names;
 *   textDocument/documentSymbol: policies (with their clauses), vaults,
 *   protects; textDocument/codeAction: each diagnostic's fix (BkpFix) as a
 *   quickfix; textDocument/formatting: `bkpc fmt`'s text (fmt.h) as the
 *   line edits that make it.
 *
 * Malformed input gets JSON-RPC errors (ParseError for bad headers or JSON,
 * InvalidRequest, MethodNotFound, InvalidParams, ServerNotInitialized),
 * never a crash; notifications nobody handles are ignored. The
 * initialization option "at" (YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC) fixes
 * the instant hover's offsets and DST periods are computed at (default:
 * the time of each request).
 */
#ifndef BKPC_LSP_H
#define BKPC_LSP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct BkpLsp BkpLsp;

/* The largest message read: a bigger Content-Length gets an error and its
 * bytes are skipped. */
enum { BKP_LSP_MAX_MESSAGE = 128 * 1024 * 1024 };

/* Where the server's messages go, each whole (header and body) in one
 * call. Returns 0, or -1 when they cannot be written: the server is then
 * done (bkp_lsp_done, status 1). */
typedef int (*BkpLspWrite)(void *user, const char *bytes, size_t n);

/* NULL when out of memory. */
BkpLsp *bkp_lsp_new(BkpLspWrite write, void *user);
void bkp_lsp_free(BkpLsp *s);

/* Bytes from the client, as they come (any split): headers
 * (Content-Length: N, CR LF or LF line ends) and bodies; each complete
 * message is handled at once. */
void bkp_lsp_feed(BkpLsp *s, const char *bytes, size_t n);

/* One message's body, without its header: handled, its answers written. */
void bkp_lsp_message(BkpLsp *s, const char *body, size_t n);

/* Whether the session is over (an `exit` notification, or a write that
 * failed); *status gets the exit status: 0 if `shutdown` came first, else
 * 1. Also after the end of the input, with the same rule. */
bool bkp_lsp_done(const BkpLsp *s, int *status);
/* The input ended: the status as bkp_lsp_done gives it. */
int bkp_lsp_eof(BkpLsp *s);

/* The current text of the open document `uri` (as the server decoded it,
 * what its positions count in), *len its length; NULL when it is not open.
 * For tests and fuzzers: the text stays valid until the next message. */
const char *bkp_lsp_text(const BkpLsp *s, const char *uri, size_t *len);

#endif
