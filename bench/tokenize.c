/* tokenize.c — the benchmark's floor: bkpc's own flex scanner, alone.
 *
 *   tokenize FILE [REPEAT]
 *
 * Reads FILE the way `bkpc check` does (bkp_source_read), then runs the
 * project's scanner (grammar/lexer.l, built into libbkpc.a) over it REPEAT
 * times (default 1) and prints the token count. No parser, no checker: the
 * difference between this and `bkpc check FILE` is what parsing and checking
 * cost. Built by bench/run.sh against build/libbkpc.a.
 */
#include <stdio.h>
#include <stdlib.h>

#include "bkpc/compile.h"
#include "front/parse_int.h"
#include "parser.h"

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
        BkpParser P = {.ctx = &ctx, .src = src, .max_errors = 1000};
        BkpScanner s;
        if (bkp_scanner_init(&P, &s) != 0) {
            fputs("tokenize: cannot start the scanner\n", stderr);
            return 2;
        }
        BKP_YYSTYPE val;
        BKP_YYLTYPE loc;
        while (bkp_yylex(&val, &loc, s) != 0)
            tokens++;
        bkp_scanner_destroy(s);
        if (P.syntax_errors)
            fprintf(stderr, "tokenize: %u lexical errors\n", P.syntax_errors);
        bkp_ctx_free(&ctx);
    }
    bkp_source_free(src);
    printf("%lu tokens\n", tokens);
    return 0;
}
