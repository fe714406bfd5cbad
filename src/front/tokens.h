/* tokens.h — the scanner and the token stream (private to src/front/).
 *
 *   source -> scanner (grammar/lexer.l): tokens, nothing else; a comment is
 *             a token, a lexical error a token or a mark on one
 *          -> token stream (tokens.c): records the comments, reports the
 *             lexical errors, gives the parser the grammar's tokens
 *          -> parser (grammar/parser.y), which calls bkp_tokens_next as its
 *             yylex
 */
#ifndef BKPC_TOKENS_H
#define BKPC_TOKENS_H

#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "front/parse_int.h"
#include "parser.h"

/* Token kinds of the scanner's that never reach the parser (the grammar's
 * tokens are positive, 0 ends the input). */
enum {
    BKP_TOK_COMMENT = -1,      /* `# ...` up to the end of the line */
    BKP_TOK_ERROR = -2,        /* bytes that make no token: marked with what they are */
};

/* Lexical errors, as marks on a token. A BKP_TOK_ERROR token carries one;
 * a grammar token carrying some still goes to the parser, its value kept
 * (AST_NUM_REPORTED for a number that is not whole), so one slip gives one
 * message and parsing goes on. They are reported in this order. */
enum {
    BKP_LEX_UNTERMINATED = 1u << 0,   /* STRING: no closing `"` on its line */
    BKP_LEX_STRING_UTF8 = 1u << 1,    /* STRING: bytes that are not UTF-8 */
    BKP_LEX_FRACTION = 1u << 2,       /* NUMBER, NUMUNIT: `1.5`, `1.5d` */
    BKP_LEX_DOTTED = 1u << 3,         /* WORD: `web.01` must be quoted */
    BKP_LEX_SEMICOLON = 1u << 4,      /* error: `;` */
    BKP_LEX_NON_ASCII = 1u << 5,      /* error: a non-ASCII character outside a string */
    BKP_LEX_NUL = 1u << 6,            /* error: a run of NUL bytes */
    BKP_LEX_CHAR = 1u << 7,           /* error: another ASCII character: `@` */
    BKP_LEX_BYTE = 1u << 8,           /* error: a control character, or a byte that is not
                                         UTF-8 (the stream stops at the first: tokens.c) */
    BKP_LEX_HOLDS_NUL = 1u << 9,      /* COMMENT, STRING: a NUL byte inside */
    BKP_LEX_PASTED = 1u << 10,        /* a character pasted from a document (unichar.h),
                                         read as its ASCII one; alone: an error token */
};

/* One token as the scanner gives it. The caller points `val` where a
 * grammar token's value goes (the parser's own, so it is not copied) and
 * clears `errors`; the scanner sets the rest. */
typedef struct BkpToken {
    int kind;                  /* a grammar token (parser.h), 0 at the end, or BKP_TOK_* */
    BkpSpan span;              /* at the end: the last bytes scanned (blanks, comment) */
    unsigned errors;           /* BKP_LEX_* marks */
    BKP_YYSTYPE *val;          /* a grammar token's value */
} BkpToken;

/* ---- the scanner (grammar/lexer.l) ---------------------------------------- */

/* A reentrant scanner over src; strings it makes live in A. -1 when it
 * cannot start. in_place: it scans src's text where it is (unless the text
 * holds a NUL), writing a NUL after each token it gives until it scans on
 * or is destroyed, so the text past the token last given may not be read
 * meanwhile; otherwise it scans a copy. */
typedef void *BkpScanner;
int bkp_scanner_init(BkpArena *A, BkpSource *src, bool in_place, BkpScanner *out);
/* The next token into *t; returns t->kind. */
int bkp_scan(BkpScanner s, BkpToken *t);
void bkp_scanner_destroy(BkpScanner s);
/* Comments are then skipped as blanks are, when nothing would come of
 * them (a source scanned in place holds no NUL to mark in one). */
void bkp_scanner_skip_comments(BkpScanner s);

/* ---- the token stream (tokens.c) ------------------------------------------ */

typedef struct BkpTokens {
    BkpScanner sc;
    BkpDiags *diags;
    BkpArena *A;
    BkpSource *src;
    BkpSyntaxCount *errors;    /* lexical errors count here, with the parser's */
    AstComment *comments, *last_comment;   /* every comment, in order */
    unsigned ncomments;
    bool no_comments;          /* not recorded (nothing will print the file back) */
    int prev;                  /* the previous grammar token */
    BkpSpan nul;               /* a run of NULs not reported yet (empty: none) */
    bool stop;                 /* the file is not text bkpc can read, and said so:
                                  no tokens (none would mean what was written) */
    BkpSpan *marked;           /* grammar tokens whose error was reported, in order */
    size_t nmarked, capmarked;
} BkpTokens;

/* 0, or -1 when the scanner cannot start. Lexical errors are reported to
 * ctx's diagnostics and counted in *errors (stopping at errors->max); so is
 * a file that is not UTF-8 (or is UTF-16 without a byte-order mark), once
 * (`encoding`), and then the stream is empty: the rest of such a file read
 * as UTF-8 would only give errors that are not the writer's. */
int bkp_tokens_init(BkpTokens *T, BkpCtx *ctx, BkpSource *src, BkpSyntaxCount *errors);
void bkp_tokens_destroy(BkpTokens *T);

/* For bkp_tokens_next (tokens.c): report t's lexical errors (a run of NUL
 * tokens as one); record a comment. */
void bkp_tokens_report(BkpTokens *T, const BkpToken *t);
void bkp_tokens_comment(BkpTokens *T, BkpSpan span);

/* The next grammar token (0 at the end), its value (written straight into
 * *val) and its span. Inline: it runs once a token, between the scanner's
 * function and the parser's. */
static inline int bkp_tokens_next(BkpTokens *T, BKP_YYSTYPE *val, BkpSpan *at)
{
    BkpToken t;
    t.val = val;
    if (T->stop) {
        *at = bkp_span(0, 0);
        return 0;
    }
    for (;;) {
        t.errors = 0;
        int kind = bkp_scan(T->sc, &t);
        if (t.errors || T->nul.end)
            bkp_tokens_report(T, &t);
        if (kind >= 0)
            break;                 /* a grammar token, or the end */
        if (kind == BKP_TOK_COMMENT)
            bkp_tokens_comment(T, t.span);
    }
    T->prev = t.kind;
    *at = t.span;
    return t.kind;
}

#endif
