/* parse_int.h — what the parser's files share (private to src/front/).
 *
 * The parser is pure (bison `api.pure full`): its state is a BkpParser,
 * passed to every action and to its token source, the token stream
 * (front/tokens.h), which sits between it and the reentrant scanner. No
 * globals.
 */
#ifndef BKPC_PARSE_INT_H
#define BKPC_PARSE_INT_H

#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/ctx.h"
#include "bkpc/parse.h"

/* Syntax errors one run reports before it stops (lexical and grammatical). */
#define BKP_MAX_SYNTAX_ERRORS 50

/* The syntax errors of one parse, lexical (reported by the token stream)
 * and grammatical (by the parser), counted together: at `max` the parse
 * stops, and says so once. */
typedef struct BkpSyntaxCount {
    unsigned n, max;
} BkpSyntaxCount;

struct BkpTokens;

typedef struct BkpParser {
    BkpCtx *ctx;
    BkpSource *src;
    struct BkpTokens *tokens;  /* where the tokens come from */
    AstFile *file;
    AstPolicy *cur;            /* the policy block being parsed, or NULL */
    AstClause *cur_last;       /* its last clause, and the bare clauses' (appending) */
    AstClause *bare_last;
    AstPolicy *last_policy;    /* the file's lists' last entries (appending) */
    AstPolicy *last_template;
    AstUse *last_use;
    AstVault *last_vault;
    AstProtect *last_protect;
    BkpSyntaxCount errors;     /* shared with the token stream */
    /* Error recovery (parser.y): */
    int recovering;            /* skipping to a sync token after a syntax error */
    uint32_t last_recovery;    /* where the last recovery resumed, to ensure progress */
    uint32_t last_error;       /* where the last syntax error was reported */
    int last_token;            /* the previous token */
    int last_sync;             /* whether it ends error recovery */
    int clause_kw;             /* the token that started the last clause (for hints) */
    const char *last_word;     /* its text, when it was a WORD */
    /* Policy blocks handed to a hook as they close (bkp_parse_each; ast.c): */
    const BkpParseHook *hook;  /* NULL: none, or no more for this file */
    AstPolicy *closed;         /* a block just closed, for the hook before the next token */
    BkpArenaMark mark;         /* the arena once the block's `policy` was shifted */
    AstPolicy *mark_last;      /* the file's last policy then */
    unsigned diags_before;     /* diagnostics before the parse: the hook runs while none is added */
} BkpParser;

/* The hook's two moments (ast.c), called by the parser's token source
 * before it reads a token: the `policy` keyword read last has been shifted
 * (the block's memory starts here); a block has closed. */
void ast_hook_mark(BkpParser *P);
void ast_hook_closed(BkpParser *P);

/* Token values (see grammar/parser.y %union). */
typedef struct BkpNumUnit {
    int64_t num;
    const char *unit;
    uint32_t split;            /* byte offset where the unit starts */
} BkpNumUnit;

/* The grammar's tokens (parser.y), for the test that holds them and the
 * lexicon's keywords together (tests/unit/test_lexicon.c): the name of
 * token symbol `sym` (0, 1, ...; NULL past the last one): its alias, such
 * as "`keep`" or "quoted string"; and the name of token number `token`
 * (KEEP, '{'). */
const char *bkp_grammar_symbol(int sym);
const char *bkp_grammar_token_name(int token);

#endif
