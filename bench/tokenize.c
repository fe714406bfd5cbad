/* tokenize.c — bkpc's own flex scanner, alone (beside the floor, bench/floor.l).
 *
 *   tokenize FILE [REPEAT]
 *
 * Reads FILE the way `bkpc check` does (bkp_source_read), then runs the
 * project's scanner (grammar/lexer.l, built into libbkpc.a) through the
 * token stream the parser reads (src/front/tokens.c: comments recorded,
 * lexical errors reported) over it REPEAT times (default 1) and prints the
 * token count. No parser, no checker: the difference between this and
 * `bkpc check FILE` is what parsing and checking cost. Built by bench/run.sh
 * against build/libbkpc.a.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bkpc/compile.h"
#include "front/tokens.h"

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fputs("usage: tokenize FILE [REPEAT]\n", stderr);
        return 2;
    }
    long repeat = argc == 3 ? strtol(argv[2], NULL, 10) : 1;
    BkpSource *src = bkp_source_read(argv[1]);
    if (!src) {
        perror(argv[1]);
        return 2;
    }
    unsigned long tokens = 0;
    for (long r = 0; r < repeat; r++) {
        BkpCtx ctx;
        bkp_ctx_init(&ctx);
        BkpSyntaxCount errors = {0, 1000};
        BkpTokens T;
        if (bkp_tokens_init(&T, &ctx, src, &errors) != 0) {
            fputs("tokenize: cannot start the scanner\n", stderr);
            return 2;
        }
        BKP_YYSTYPE val;
        BKP_YYLTYPE loc;
        while (bkp_tokens_next(&T, &val, &loc) != 0)
            tokens++;
        bkp_tokens_destroy(&T);
        if (errors.n)
            fprintf(stderr, "tokenize: %u lexical errors\n", errors.n);
        bkp_ctx_free(&ctx);
    }
    bkp_source_free(src);
    printf("%lu tokens\n", tokens);
    return 0;
}
