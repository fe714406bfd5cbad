/* parse_int.h — what the scanner and the parser share (private to src/front/).
 *
 * The scanner is reentrant (flex `reentrant bison-bridge bison-locations`)
 * and the parser pure (bison `api.pure full`); everything they need lives in
 * a BkpParser, reached through the scanner's extra data. No globals.
 */
#ifndef BKPC_PARSE_INT_H
#define BKPC_PARSE_INT_H

#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"

/* Syntax errors one run reports before it stops (scanner and parser). */
#define BKP_MAX_SYNTAX_ERRORS 50

typedef struct BkpParser {
    BkpCtx *ctx;
    BkpSource *src;
    AstFile *file;
    AstPolicy *cur;            /* the policy block being parsed, or NULL */
    unsigned syntax_errors;
    int recovering;            /* skipping to a sync token after a syntax error */
    uint32_t last_recovery;    /* where the last recovery resumed, to ensure progress */
    uint32_t last_error;       /* where the last syntax error was reported */
    int last_token;            /* the scanner's previous token */
    int last_sync;             /* whether it ends error recovery (lexer.l token()) */
    const char *last_word;     /* its text, when it was a WORD */
    unsigned max_errors;       /* stop after this many syntax errors (BKP_MAX_SYNTAX_ERRORS) */
} BkpParser;

/* Token values (see grammar/parser.y %union). */
typedef struct BkpNumUnit {
    int64_t num;
    const char *unit;
    uint32_t split;            /* byte offset where the unit starts */
} BkpNumUnit;

/* Scanner set-up over a source (grammar/lexer.l). */
typedef void *BkpScanner;
int bkp_scanner_init(BkpParser *P, BkpScanner *out);
void bkp_scanner_destroy(BkpScanner s);

#endif
