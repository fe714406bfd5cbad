/* parse.c — the front end's front door: source -> tokens (grammar/lexer.l,
 * through the token stream of tokens.c) -> AST (grammar/parser.y). */
#include <string.h>

#include "bkpc/parse.h"
#include "front/tokens.h"

int bkp_yyparse(BkpParser *P);

AstFile *bkp_parse(BkpCtx *ctx, BkpSource *src)
{
    return bkp_parse_each(ctx, src, NULL);
}

AstFile *bkp_parse_each(BkpCtx *ctx, BkpSource *src, const BkpParseHook *hook)
{
    BkpParser P;
    memset(&P, 0, sizeof P);
    P.ctx = ctx;
    P.hook = hook;
    P.diags_before = ctx->diags.count;
    P.src = src;
    P.errors.max = BKP_MAX_SYNTAX_ERRORS;
    P.last_recovery = UINT32_MAX;
    P.last_error = UINT32_MAX;
    P.file = BKP_NEW(&ctx->arena, AstFile);
    P.file->src = src;
    BkpTokens T;
    if (bkp_tokens_init(&T, ctx, src, &P.errors) != 0) {
        bkp_error(&ctx->diags, src, "syntax", bkp_span(0, 0), "cannot start the scanner");
        P.file->syntax_errors = 1;
        return P.file;
    }
    P.tokens = &T;
    T.no_comments = hook != NULL;       /* a compilation a policy at a time */
    if (T.no_comments)
        bkp_scanner_skip_comments(T.sc);
    bkp_yyparse(&P);
    bkp_tokens_destroy(&T);
    P.file->comments = T.comments;
    P.file->ncomments = T.ncomments;
    P.file->marked = T.marked;
    P.file->nmarked = T.nmarked;
    P.file->syntax_errors = P.errors.n;
    return P.file;
}
