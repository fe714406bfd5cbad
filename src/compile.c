/* compile.c — the pipeline in one call: source -> tokens -> AST
 * (bkp_parse, src/front/) -> checked program (bkp_check, src/check/). */
#include "bkpc/compile.h"

BkpProgram *bkp_compile(BkpCtx *ctx, BkpSource *src)
{
    AstFile *f = bkp_parse(ctx, src);
    return bkp_check(ctx, f);
}
