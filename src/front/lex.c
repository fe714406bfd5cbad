/* lex.c — the scanner's tokens for editors (bkp_lex, parse.h): the same
 * scanner the parser reads through the token stream, without the parser
 * and without diagnostics. */
#include <string.h>

#include "bkpc/lexicon.h"
#include "bkpc/parse.h"
#include "front/tokens.h"

static void classify(const BkpSource *src, const BkpToken *t, BkpLexeme *x)
{
    memset(x, 0, sizeof *x);
    x->span = t->span;
    x->keyword = -1;
    switch (t->kind) {
    case WORD: x->kind = BKP_LEXEME_WORD; break;
    case NUMBER: x->kind = BKP_LEXEME_NUMBER; break;
    case NUMUNIT:
        x->kind = BKP_LEXEME_DURATION;
        x->unit_off = t->val->numunit.split;
        break;
    case TIME: x->kind = BKP_LEXEME_TIME; break;
    case STRING:
        x->kind = BKP_LEXEME_STRING;
        x->unterminated = t->errors & BKP_LEX_UNTERMINATED;
        break;
    case '{':
    case '}':
    case ',':
        x->kind = BKP_LEXEME_PUNCT;
        x->punct = (char)t->kind;
        break;
    case BKP_TOK_COMMENT: x->kind = BKP_LEXEME_COMMENT; break;
    case BKP_TOK_ERROR: x->kind = BKP_LEXEME_ERROR; break;
    default:   /* the grammar's other tokens are the keywords */
        x->kind = BKP_LEXEME_KEYWORD;
        x->keyword = bkp_keyword_lookup(src->text + t->span.off, t->span.end - t->span.off);
        break;
    }
}

int bkp_lex(BkpSource *src, BkpLexFn fn, void *user)
{
    BkpArena arena;
    bkp_arena_init(&arena);
    BkpScanner sc;
    if (bkp_scanner_init(&arena, src, false, &sc) != 0) {
        bkp_arena_free(&arena);
        return -1;
    }
    BKP_YYSTYPE val;
    BkpToken t;
    t.val = &val;
    for (;;) {
        t.errors = 0;
        if (bkp_scan(sc, &t) == 0)
            break;
        BkpLexeme x;
        classify(src, &t, &x);
        if (!fn(user, &x))
            break;
    }
    bkp_scanner_destroy(sc);
    bkp_arena_free(&arena);
    return 0;
}
