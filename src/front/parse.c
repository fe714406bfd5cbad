/* parse.c — the front end's front door: source -> tokens (grammar/lexer.l)
 * -> AST (grammar/parser.y). */
#include <string.h>

#include "bkpc/parse.h"
#include "front/parse_int.h"

int bkp_yyparse(void *scanner, BkpParser *P);

AstFile *bkp_parse(BkpCtx *ctx, BkpSource *src)
{
    BkpParser P;
    memset(&P, 0, sizeof P);
    P.ctx = ctx;
    P.src = src;
    P.max_errors = BKP_MAX_SYNTAX_ERRORS;
    P.last_recovery = UINT32_MAX;
    P.last_error = UINT32_MAX;
    P.file = BKP_NEW(&ctx->arena, AstFile);
    P.file->src = src;
    BkpScanner sc;
    if (bkp_scanner_init(&P, &sc) != 0) {
        bkp_error(&ctx->diags, src, "syntax", bkp_span(0, 0), "cannot start the scanner");
        P.file->syntax_errors = 1;
        return P.file;
    }
    bkp_yyparse(sc, &P);
    bkp_scanner_destroy(sc);
    P.file->syntax_errors = P.syntax_errors;
    return P.file;
}
