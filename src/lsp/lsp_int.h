/* lsp_int.h — what the language server's files share (private to src/lsp/).
 *
 *   rpc.c       framing (Content-Length), JSON-RPC messages, the method
 *               table, errors, parameters, positions
 *   docs.c      the open documents: sync (full and incremental), one
 *               compilation per version, publishDiagnostics
 *   hover.c     textDocument/hover
 *   complete.c  textDocument/completion
 *   symbols.c   textDocument/documentSymbol, textDocument/codeAction
 *   format.c    textDocument/formatting
 */
#ifndef BKPC_LSP_INT_H
#define BKPC_LSP_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/jsonw.h"
#include "bkpc/lsp.h"
#include "bkpc/policy.h"

/* JSON-RPC's and LSP's error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_NOT_INITIALIZED = -32002,
};

typedef struct LspError {
    int code;
    char msg[256];
} LspError;

/* An open document, and the compilation of its current version. */
typedef struct LspDoc {
    char *uri;
    int64_t version;
    BkpSource *src;            /* the text, named after the URI's path */
    BkpCtx ctx;                /* this version's compilation: its arena... */
    AstFile *ast;              /* ...the tree (always) */
    BkpProgram *prog;          /* ...the checked program (NULL: errors) */
    struct LspDoc *next;
} LspDoc;

struct BkpLsp {
    BkpLspWrite write;
    void *user;
    /* framing (rpc.c) */
    char *buf;
    size_t len, cap, pos;      /* buffered bytes; pos: the first not yet read */
    size_t body;               /* the body's length once its header is read */
    bool in_body;
    bool junk_header;          /* skipping the rest of an over-long header */
    uint64_t skip;             /* bytes of a too-large message still to skip */
    /* the session */
    bool initialized, shutdown, exited, failed;
    bool has_at;
    int64_t at;                /* the "at" initialization option */
    LspDoc *docs;
    BkpTz *tz;                 /* hover's and completion's (lsp_tz) */
};

/* ---- rpc.c ---------------------------------------------------------------- */

/* Sets e and returns -1 (for handlers' `return lsp_fail(...)`). */
int lsp_fail(LspError *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The member at a dotted path of obj ("textDocument.uri") if it has JSON
 * type `type`; else NULL with e set to InvalidParams naming the path. */
json_t *lsp_member(const json_t *obj, const char *path, json_type type, LspError *e);
const char *lsp_string(const json_t *obj, const char *path, LspError *e);
/* A non-negative integer (clamped to UINT32_MAX); -1 with e set if not. */
int lsp_uint(const json_t *obj, const char *path, uint32_t *out, LspError *e);

/* Positions: the byte offset of the LSP position at `path` of obj (a
 * {line, character} in UTF-16 code units); -1 with e set when malformed.
 * Out-of-range positions are clamped to the line or the document. */
int lsp_offset(BkpSource *src, const json_t *obj, const char *path, uint32_t *off, LspError *e);
void lsp_write_position(JsonW *w, BkpSource *src, uint32_t off);
void lsp_write_range(JsonW *w, BkpSource *src, BkpSpan span);

/* A notification to the client: lsp_notify_begin writes up to "params":,
 * the caller writes the params' value, lsp_notify_end closes and sends. */
void lsp_notify_begin(JsonW *w, const char *method);
void lsp_notify_end(BkpLsp *s, JsonW *w);
/* window/showMessage (type 1 error .. 4 log). */
void lsp_show_message(BkpLsp *s, int type, const char *msg);

/* The server's time zones (for hover and completion), created on first use. */
BkpTz *lsp_tz(BkpLsp *s);
/* The instant hover's facts are computed at: "at", or now. */
int64_t lsp_now(const BkpLsp *s);

/* ---- docs.c --------------------------------------------------------------- */

void lsp_did_open(BkpLsp *s, const json_t *params);
void lsp_did_change(BkpLsp *s, const json_t *params);
void lsp_did_close(BkpLsp *s, const json_t *params);
/* The open document params.textDocument.uri names; NULL with e set. */
LspDoc *lsp_doc(BkpLsp *s, const json_t *params, LspError *e);
void lsp_docs_free(BkpLsp *s);
/* A diagnostic as LSP's Diagnostic object. */
void lsp_write_diagnostic(JsonW *w, const LspDoc *d, const BkpDiag *g);
/* The policies of f, blocks and then the bare clauses' (p NULL: the first;
 * NULL after the last). */
const AstPolicy *lsp_next_policy(const AstFile *f, const AstPolicy *p);
/* A path as relative to the document's directory as it can be put (a
 * suffix of path). */
const char *lsp_rel_name(const LspDoc *d, const char *path);
/* The checked policy whose text holds offset `off`, or NULL (none there,
 * or the document has errors). */
const BkpPolicy *lsp_policy_at(const LspDoc *d, uint32_t off);

/* ---- the requests: write the result's value into w, or fail ---------------- */

int lsp_hover(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);
int lsp_completion(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);
int lsp_symbols(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);
int lsp_code_actions(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);
int lsp_formatting(BkpLsp *s, const json_t *params, JsonW *w, LspError *e);

/* What a clause means, in a phrase (hover, completion). */
const char *lsp_clause_meaning(AstClauseKind k);

#endif
