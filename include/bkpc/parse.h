/* parse.h — the front end: source -> tokens -> AST. */
#ifndef BKPC_PARSE_H
#define BKPC_PARSE_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/source.h"

/* Scanner + parser. Always returns a tree (possibly partial); syntax errors
 * are queued in ctx->diags. */
AstFile *bkp_parse(BkpCtx *ctx, BkpSource *src);

/* Policies taken as their blocks close, for a compilation whose memory does
 * not grow with the number of policies (bkp_compile_each). `closed` is
 * called for policy block p of file f when the block has just closed, the
 * file has had no diagnostic so far and no token after the block has been
 * read. It returns true when it is done with the block: the block then
 * leaves the file's tree and its memory (its clauses, its strings) is given
 * back to the arena; `kept` then receives a copy of the block, its name and
 * spans (no clauses), to keep what it needs of them. false: the block stays
 * as parsed, and `closed` is not called again for the file (the rest of it
 * is parsed as bkp_parse does). Such a parse records no comments
 * (AstFile.comments is NULL): nothing prints that file back. */
typedef struct BkpParseHook {
    bool (*closed)(void *user, const AstFile *f, const AstPolicy *p);
    void (*kept)(void *user, const AstFile *f, const AstPolicy *copy);
    void *user;
} BkpParseHook;

/* bkp_parse, with hook called as each policy block closes. */
AstFile *bkp_parse_each(BkpCtx *ctx, BkpSource *src, const BkpParseHook *hook);

/* ---- tokens, for editors ------------------------------------------------- */

/* What a token is, as the scanner classifies it: text that does not parse
 * (yet) still has tokens, so an editor reads the words before the cursor
 * with the scanner that reads the file. */
typedef enum BkpLexemeKind {
    BKP_LEXEME_KEYWORD,        /* `keep`: keyword holds which */
    BKP_LEXEME_WORD,           /* any other word: a name, `sun`, `days` */
    BKP_LEXEME_NUMBER,         /* `15` */
    BKP_LEXEME_DURATION,       /* `4h`: the unit starts at unit_off */
    BKP_LEXEME_TIME,           /* `08:00` */
    BKP_LEXEME_STRING,         /* `"UTC"`, quotes included (maybe unterminated) */
    BKP_LEXEME_PUNCT,          /* `{`, `}` or `,`: punct holds which */
    BKP_LEXEME_COMMENT,        /* `# ...` to the end of the line */
    BKP_LEXEME_ERROR,          /* bytes that make no token (`;`, `@`) */
} BkpLexemeKind;

typedef struct BkpLexeme {
    BkpLexemeKind kind;
    BkpSpan span;
    int keyword;               /* BKP_LEXEME_KEYWORD: a BkpKeyword; else -1 */
    char punct;                /* BKP_LEXEME_PUNCT */
    uint32_t unit_off;         /* BKP_LEXEME_DURATION */
    bool unterminated;         /* BKP_LEXEME_STRING: no closing quote on its line */
} BkpLexeme;

/* Called for each token in order; returns false to stop. */
typedef bool (*BkpLexFn)(void *user, const BkpLexeme *t);

/* Scans src from its start to its end (or until fn returns false), calling
 * fn for each token, comments and errors included. Reports nothing. Returns
 * 0, or -1 when the scanner cannot start. */
int bkp_lex(BkpSource *src, BkpLexFn fn, void *user);

#endif
