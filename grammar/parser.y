/* parser.y — the .bkp grammar: tokens -> AST.
 *
 * A pure parser (no globals) with byte-offset locations. It knows the
 * language's structure only: what the words mean (weekdays, units, Azure's
 * rules) is the checker's business (src/check/), as in PostgreSQL's
 * "grammar builds, analysis checks".
 *
 * Error recovery is per clause: every clause starts with a keyword, so after
 * a syntax error the parser skips to the next clause keyword and goes on, and
 * one run reports every error.
 */
%require "3.6"
%define api.pure full
%define api.prefix {bkp_yy}
%define api.location.type {BkpSpan}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%param {BkpParser *P}

%code requires {
#include <stdint.h>
#include "bkpc/ast.h"
#include "front/parse_int.h"

typedef struct BkpTimes { AstTime *v; int n, cap; BkpSpan span; } BkpTimes;
typedef struct BkpNames { AstName *v; int n, cap; BkpSpan span; } BkpNames;
/* An optional `KEYWORD name` (`from gold`, `in rsv-weu`): kw.end 0 when absent. */
typedef struct BkpKwName { BkpSpan kw; AstName name; } BkpKwName;
typedef struct BkpOnSpec { AstOnKind kind; AstList first, second; BkpSpan day_kw; } BkpOnSpec;
}

%code {
#include <stdio.h>
#include <string.h>

#include "bkpc/misspell.h"
#include "bkpc/lexicon.h"
#include "front/ast_build.h"
#include "front/tokens.h"

#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).off = YYRHSLOC(Rhs, 1).off;                         \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end;             \
        }                                                             \
    } while (0)

static int bkp_yylex(BKP_YYSTYPE *val, BkpSpan *at, BkpParser *P);
static void bkp_yyerror(BkpSpan *loc, BkpParser *P, const char *msg);

/* Error recovery. After a syntax error the parser skips tokens up to one
 * that can only start a clause or a statement (or close a block): a "sync"
 * token (the lexicon's BKP_KWF_CLAUSE and BKP_KWF_STMT keywords, and `}`).
 * Errors are not reported while skipping (P->recovering), so one mistake
 * gives one message; reading a sync token ends the skipping. `daily` and
 * `weekly` are sync tokens unless they follow `keep`: bkp_yylex() decides,
 * as each token comes in, and RECOVER goes by its P->last_sync, the
 * lookahead being the token read last. Inside a block, `policy`, `vault`
 * and `protect` mean a `}` is missing: that ends the parse (the message
 * says so). */
#define RECOVER(in_block)                                                       \
    do {                                                                        \
        if (yychar == BKP_YYEOF || P->errors.n >= P->errors.max)                \
            YYABORT;                                                            \
        if ((in_block) && (yychar == POLICY || yychar == VAULT || yychar == PROTECT || \
                           yychar == TEMPLATE || yychar == USE))                \
            YYABORT;                                                            \
        if (yychar != BKP_YYEMPTY && P->last_sync && yylloc.off != P->last_recovery) { \
            P->recovering = 0;                                                  \
            P->last_recovery = yylloc.off;                                      \
        } else {                                                                \
            yyclearin;                  /* skip it, and make progress */        \
        }                                                                       \
        yyerrok;                                                                \
    } while (0)
}

%union {
    const char *str;
    int64_t num;
    BkpNumUnit numunit;
    struct { int hh, mm; } time;
    AstDuration dur;
    AstTime tm;
    AstList list;
    BkpTimes times;
    AstClause *clause;
    AstItem item;
    AstName name;
    BkpOnSpec *on;             /* (a pointer: the values the parser copies stay small) */
    BkpNames names;
    BkpKwName kwname;
    BkpKeyword kw;
}

%token <str>     WORD      "word"
%token <str>     STRING    "quoted string"
%token <num>     NUMBER    "number"
%token <numunit> NUMUNIT   "duration"
%token <time>    TIME      "time"

%token <str> AFTER "`after`" ARCHIVE "`archive`" AT "`at`" CONSISTENCY "`consistency`"
%token <str> CRASH "`crash`" DAILY "`daily`" DAY "`day`" DISKS "`disks`"
%token <str> ENHANCED "`enhanced`" EVERY "`every`" EXCLUDE "`exclude`" FOR "`for`"
%token <str> FROM "`from`" IN "`in`" INCLUDE "`include`" KEEP "`keep`"
%token <str> MONTHLY "`monthly`" NEVER "`never`" ON "`on`" POINTS "`points`" POLICY "`policy`"
%token <str> PROTECT "`protect`" RECOMMENDED "`recommended`" REQUIRE "`require`"
%token <str> RESOURCE_GROUP "`resource-group`" RPO "`rpo`"
%token <str> SNAPSHOT "`snapshot`" SNAPSHOTS "`snapshots`" STANDARD "`standard`"
%token <str> SUBSCRIPTION "`subscription`" SUFFIX "`suffix`" TEMPLATE "`template`" TIMEZONE "`timezone`"
%token <str> USE "`use`" VAULT "`vault`" VM "`vm`" WEEKLY "`weekly`" WITH "`with`" YEARLY "`yearly`"

%type <name> name
%type <str> keyword
%type <dur> duration
%type <tm> time
%type <times> times
%type <list> words days_of_month luns
%type <item> dom_item
%type <on> on_spec
%type <clause> clause keep_clause require_clause
%type <names> names
%type <kwname> subscription_opt vault_in_opt tier_opt
%type <kw> period

%%

file
    : items
    ;

items
    : %empty
    | items item
    ;

item
    : policy_block
    | template_block
    | use_stmt
    | vault_stmt
    | protect_stmt
    | clause                  { ast_add_bare_clause(P, $1); }
    | error                   { RECOVER(0); }
    ;

/* `from NAME` is spelt out rather than an optional rule: after the name,
 * `{` is shifted at once, with no reduction to decide on it (each such
 * reduction costs the parser a look-ahead check, LAC, on every policy). */
policy_block
    : POLICY name '{'         { BkpKwName none = {BKP_NO_SPAN, ast_name(NULL, BKP_NO_SPAN, AST_NAME_BARE)};
                                ast_begin_policy(P, &$2, @1, &none, @3, false); }
      clauses '}'             { ast_end_policy(P, @$, @6); }
    | POLICY name FROM name '{'
                              { BkpKwName from = {@3, $4};
                                ast_begin_policy(P, &$2, @1, &from, @5, false); }
      clauses '}'             { ast_end_policy(P, @$, @8); }
    ;

template_block
    : TEMPLATE name '{'       { BkpKwName none = {BKP_NO_SPAN, ast_name(NULL, BKP_NO_SPAN, AST_NAME_BARE)};
                                ast_begin_policy(P, &$2, @1, &none, @3, true); }
      clauses '}'             { ast_end_policy(P, @$, @6); }
    | TEMPLATE name FROM name '{'
                              { BkpKwName from = {@3, $4};
                                ast_begin_policy(P, &$2, @1, &from, @5, true); }
      clauses '}'             { ast_end_policy(P, @$, @8); }
    ;


/* The file is a string (a path holds a `.`, which a bare word cannot); a
 * name is taken too, so that `use lib.bkp` gets the scanner's one message. */
use_stmt
    : USE name                { ast_use(P, @$, $2); }
    ;

clauses
    : %empty
    | clauses clause          { ast_add_clause(P, $2); }
    | clauses error           { ast_policy_had_error(P); RECOVER(1); }
    ;

clause
    : ENHANCED                { $$ = ast_clause(P, AST_TYPE, @$, @1); $$->u.type.enhanced = true; }
    | STANDARD                { $$ = ast_clause(P, AST_TYPE, @$, @1); $$->u.type.enhanced = false; }
    | TIMEZONE STRING         { $$ = ast_clause(P, AST_TIMEZONE, @$, @1);
                                $$->u.tz.id = ast_name($2, @2, AST_NAME_QUOTED); }
    | EVERY duration FROM time FOR duration
                              { $$ = ast_clause(P, AST_EVERY, @$, @1);
                                $$->u.every.interval = $2; $$->u.every.start = $4;
                                $$->u.every.window = $6;
                                $$->u.every.from_at = @3.off; $$->u.every.for_at = @5.off; }
    | DAILY AT times          { $$ = ast_clause(P, AST_DAILY, @$, @1);
                                ast_sched_times($$, @2, &$3); }
    | WEEKLY ON words AT times
                              { $$ = ast_clause(P, AST_WEEKLY, @$, @1);
                                $$->u.sched.on_at = @2.off; $$->u.sched.days = $3;
                                ast_sched_times($$, @4, &$5); }
    | keep_clause
    | ARCHIVE RECOMMENDED     { $$ = ast_clause(P, AST_ARCHIVE, @$, @1);
                                $$->u.archive.mode = AST_ARCHIVE_RECOMMENDED; $$->u.archive.mode_at = @2.off; }
    | ARCHIVE NEVER           { $$ = ast_clause(P, AST_ARCHIVE, @$, @1);
                                $$->u.archive.mode = AST_ARCHIVE_NEVER; $$->u.archive.mode_at = @2.off; }
    | ARCHIVE AFTER duration  { $$ = ast_clause(P, AST_ARCHIVE, @$, @1);
                                $$->u.archive.mode = AST_ARCHIVE_AFTER; $$->u.archive.mode_at = @2.off;
                                $$->u.archive.after = $3; }
    | SNAPSHOT RESOURCE_GROUP STRING
                              { $$ = ast_clause(P, AST_SNAPSHOT_RG, @$, @2);
                                $$->u.rg.prefix = ast_name($3, @3, AST_NAME_QUOTED); }
    | SNAPSHOT RESOURCE_GROUP STRING SUFFIX STRING
                              { $$ = ast_clause(P, AST_SNAPSHOT_RG, @$, @2);
                                $$->u.rg.prefix = ast_name($3, @3, AST_NAME_QUOTED);
                                $$->u.rg.suffix_at = @4.off;
                                $$->u.rg.suffix = ast_name($5, @5, AST_NAME_QUOTED); }
    | CONSISTENCY CRASH       { $$ = ast_clause(P, AST_CONSISTENCY, @$, @1);
                                $$->u.consistency.crash = true;
                                $$->u.consistency.word = ast_item_word($2, @2); }
    | CONSISTENCY WORD        { $$ = ast_clause(P, AST_CONSISTENCY, @$, @1);
                                $$->u.consistency.word = ast_item_word($2, @2); }
    | require_clause
    ;

/* `require monthly points for 12m`, `require snapshots for 7d`, `require
 * rpo 4h`, `require rpo 24h for 30d`: what the checker proves. */
require_clause
    : REQUIRE period POINTS FOR duration tier_opt
                              { $$ = ast_require(P, AST_REQ_POINTS, @$, @2, $2);
                                $$->u.require.points_at = @3.off;
                                ast_require_span(P, $$, @4, $5);
                                ast_require_tier(P, $$, &$6); }
    | REQUIRE SNAPSHOTS FOR duration
                              { $$ = ast_require(P, AST_REQ_SNAPSHOTS, @$, @2, BKP_KW_SNAPSHOTS);
                                ast_require_span(P, $$, @3, $4); }
    | REQUIRE RPO duration    { $$ = ast_require(P, AST_REQ_RPO, @$, @2, BKP_KW_RPO);
                                $$->u.require.rpo = $3; }
    | REQUIRE RPO duration FOR duration
                              { $$ = ast_require(P, AST_REQ_RPO, @$, @2, BKP_KW_RPO);
                                $$->u.require.rpo = $3;
                                ast_require_span(P, $$, @4, $5); }
    ;

period
    : DAILY                   { $$ = BKP_KW_DAILY; }
    | WEEKLY                  { $$ = BKP_KW_WEEKLY; }
    | MONTHLY                 { $$ = BKP_KW_MONTHLY; }
    | YEARLY                  { $$ = BKP_KW_YEARLY; }
    ;

tier_opt
    : %empty                  { $$.kw = BKP_NO_SPAN; $$.name = ast_name(NULL, BKP_NO_SPAN, AST_NAME_BARE); }
    | IN name                 { $$.kw = @1; $$.name = $2; }
    ;

keep_clause
    : KEEP SNAPSHOTS duration { $$ = ast_keep(P, AST_KEEP_SNAPSHOTS, @$, @2, $3); }
    | KEEP DAILY duration     { $$ = ast_keep(P, AST_KEEP_DAILY, @$, @2, $3); }
    | KEEP WEEKLY duration    { $$ = ast_keep(P, AST_KEEP_WEEKLY, @$, @2, $3); }
    | KEEP WEEKLY duration ON words
                              { $$ = ast_keep(P, AST_KEEP_WEEKLY, @$, @2, $3);
                                BkpOnSpec on = {AST_ON_WORDS, $5, ast_list_new(), BKP_NO_SPAN};
                                ast_keep_on(P, $$, @4, &on); }
    | KEEP MONTHLY duration ON on_spec
                              { $$ = ast_keep(P, AST_KEEP_MONTHLY, @$, @2, $3);
                                ast_keep_on(P, $$, @4, $5); }
    | KEEP YEARLY duration IN words ON on_spec
                              { $$ = ast_keep(P, AST_KEEP_YEARLY, @$, @2, $3);
                                ast_keep_months(P, $$, @4, $5);
                                ast_keep_on(P, $$, @6, $7); }
    ;

/* What follows `on` in monthly and yearly retention: `day 1, 15, last`, or
 * weeks then days (`first, third sun`). One list alone is kept too, so the
 * checker can say what is missing instead of a bare syntax error. */
on_spec
    : DAY days_of_month       { $$ = ast_on_spec(P, AST_ON_DAYS_OF_MONTH, $2, ast_list_new(), @1); }
    | words                   { $$ = ast_on_spec(P, AST_ON_WORDS, $1, ast_list_new(), BKP_NO_SPAN); }
    | words words             { $$ = ast_on_spec(P, AST_ON_WORDS, $1, $2, BKP_NO_SPAN); }
    ;

days_of_month
    : dom_item                { $$ = ast_list_new(); ast_list_push(P, &$$, $1); }
    | days_of_month ',' dom_item
                              { $$ = $1; ast_list_push(P, &$$, $3); }
    ;

dom_item
    : NUMBER                  { $$ = ast_item_num(P, $1, @1); }
    | WORD                    { $$ = ast_item_word($1, @1); }
    ;

words
    : WORD                    { $$ = ast_list_new(); ast_list_push(P, &$$, ast_item_word($1, @1)); }
    | words ',' WORD          { $$ = $1; ast_list_push(P, &$$, ast_item_word($3, @3)); }
    ;

times
    : time                    { $$ = ast_times_new(); ast_times_push(P, &$$, $1); }
    | times ',' time          { $$ = $1; ast_times_push(P, &$$, $3); }
    ;

time
    : TIME                    { $$.hh = $1.hh; $$.mm = $1.mm; $$.span = @1; }
    ;

duration
    : NUMUNIT                 { $$ = ast_duration($1.num, $1.unit, bkp_span(@1.off, $1.split),
                                                  bkp_span($1.split, @1.end)); }
    | NUMBER WORD             { $$ = ast_duration($1, $2, @1, @2); }
    | NUMBER DAY              { $$ = ast_duration($1, $2, @1, @2); }
    ;

/* `vault NAME resource-group RG [subscription SUB] [with POLICY, ...]`. */
vault_stmt
    : VAULT name RESOURCE_GROUP name subscription_opt
                              { AstVault *v = ast_vault(P, @$, &$2, @3, &$4);
                                ast_vault_subscription(v, &$5); }
    | VAULT name RESOURCE_GROUP name subscription_opt WITH names
                              { AstVault *v = ast_vault(P, @$, &$2, @3, &$4);
                                ast_vault_subscription(v, &$5);
                                ast_vault_policies(v, @6, &$7); }
    ;

subscription_opt
    : %empty                  { $$.kw = BKP_NO_SPAN; $$.name = ast_name(NULL, BKP_NO_SPAN, AST_NAME_BARE); }
    | SUBSCRIPTION name       { $$.kw = @1; $$.name = $2; }
    ;

names
    : name                    { $$ = ast_names_new(); ast_names_push(P, &$$, &$1); }
    | names ',' name          { $$ = $1; ast_names_push(P, &$$, &$3); }
    ;

/* `protect vm VM resource-group RG with POLICY [in VAULT] [exclude|include disks LUNS]`. */
protect_stmt
    : PROTECT VM name RESOURCE_GROUP name WITH name vault_in_opt
                              { AstProtect *p = ast_protect(P, @$, (BkpSpan[]){@2, @4, @6}, &$3, &$5, &$7);
                                ast_protect_vault(p, &$8); }
    | PROTECT VM name RESOURCE_GROUP name WITH name vault_in_opt EXCLUDE DISKS luns
                              { AstProtect *p = ast_protect(P, @$, (BkpSpan[]){@2, @4, @6}, &$3, &$5, &$7);
                                ast_protect_vault(p, &$8);
                                ast_protect_disks(p, @$, AST_DISKS_EXCLUDE, @9, @10, &$11); }
    | PROTECT VM name RESOURCE_GROUP name WITH name vault_in_opt INCLUDE DISKS luns
                              { AstProtect *p = ast_protect(P, @$, (BkpSpan[]){@2, @4, @6}, &$3, &$5, &$7);
                                ast_protect_vault(p, &$8);
                                ast_protect_disks(p, @$, AST_DISKS_INCLUDE, @9, @10, &$11); }
    ;

vault_in_opt
    : %empty                  { $$.kw = BKP_NO_SPAN; $$.name = ast_name(NULL, BKP_NO_SPAN, AST_NAME_BARE); }
    | IN name                 { $$.kw = @1; $$.name = $2; }
    ;

luns
    : NUMBER                  { $$ = ast_list_new(); ast_list_push(P, &$$, ast_item_num(P, $1, @1)); }
    | luns ',' NUMBER         { $$ = $1; ast_list_push(P, &$$, ast_item_num(P, $3, @3)); }
    ;

/* A name is a bare word, a quoted string, or a keyword: keywords are only
 * keywords where a keyword can stand (`policy crash { ... }`). */
name
    : WORD                    { $$ = ast_name($1, @1, AST_NAME_BARE); }
    | STRING                  { $$ = ast_name($1, @1, AST_NAME_QUOTED); }
    | keyword                 { $$ = ast_name($1, @1, AST_NAME_KEYWORD); }
    ;

keyword
    : AFTER | ARCHIVE | AT | CONSISTENCY | CRASH | DAILY | DAY | DISKS | ENHANCED
    | EVERY | EXCLUDE | FOR | FROM | IN | INCLUDE | KEEP | MONTHLY | NEVER | ON
    | POINTS | POLICY | PROTECT | RECOMMENDED | REQUIRE | RESOURCE_GROUP | RPO
    | SNAPSHOT | SNAPSHOTS | STANDARD | SUBSCRIPTION | SUFFIX | TEMPLATE | TIMEZONE
    | USE | VAULT | VM | WEEKLY | WITH | YEARLY
    ;

%%

static void bkp_yyerror(BkpSpan *loc, BkpParser *P, const char *msg)
{
    P->errors.n++;
    bkp_error(&P->ctx->diags, P->src, "syntax", *loc, "%s", msg);
}

/* The lexicon's flags (BKP_KWF_*) of each keyword, by token. */
static const unsigned char kw_flags[YYMAXUTOK + 1] = {
#define BKP_KW(text, TOKEN, flags) [TOKEN] = (flags),
#include "bkpc/keywords.def"
#undef BKP_KW
};

/* The parser's side of the token stream: every token comes in here, and
 * whether it is a sync token (see RECOVER) is decided here. A kind of
 * retention after `keep` (or after a misspelt `keep`) or `require` is none:
 * `keep daily`, `require daily points`. */
static int bkp_yylex(BKP_YYSTYPE *val, BkpSpan *at, BkpParser *P)
{
    /* A `policy` keyword read last has been shifted, everything before it
     * reduced: the block's memory starts here. */
    if (P->last_token == POLICY && P->hook)
        ast_hook_mark(P);
    if (P->closed)
        ast_hook_closed(P);
    int tok = bkp_tokens_next(P->tokens, val, at);
    unsigned flags = (unsigned)tok <= YYMAXUTOK ? kw_flags[tok] : 0;
    int sync = tok == '}' || (flags & (BKP_KWF_CLAUSE | BKP_KWF_STMT)) != 0;
    if ((flags & BKP_KWF_KIND) && (P->last_token == KEEP || P->last_token == REQUIRE ||
        (P->last_token == WORD && P->last_word &&
         bkp_edit_distance(P->last_word, bkp_keyword_text(BKP_KW_KEEP), 1) <= 1)))
        sync = 0;
    if (sync)
        P->recovering = 0;
    if (sync && (flags & BKP_KWF_CLAUSE))
        P->clause_kw = tok;
    P->last_sync = sync;
    P->last_token = tok;
    P->last_word = tok == WORD ? val->str : NULL;
    return tok;
}


/* ---- syntax errors ----------------------------------------------------------
 * "unexpected X; expected Y", with "did you mean" when a misspelt word stands
 * where a keyword was expected, and hints for the usual slips. */

static const char *token_desc(yysymbol_kind_t k)
{
    switch (k) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_WORD: return "a name";
    case YYSYMBOL_STRING: return "a quoted string";
    case YYSYMBOL_NUMBER: return "a number";
    case YYSYMBOL_NUMUNIT: return "a duration such as `4h`";
    case YYSYMBOL_TIME: return "a time such as `08:00`";
    default: return yysymbol_name(k);
    }
}

static int has(const yysymbol_kind_t *v, int n, yysymbol_kind_t k)
{
    for (int i = 0; i < n; i++)
        if (v[i] == k)
            return 1;
    return 0;
}

/* Keyword spelling of a token kind: its alias without the backquotes. */
static const char *kw_text(yysymbol_kind_t k, char *buf, size_t cap)
{
    const char *s = yysymbol_name(k);
    size_t n = strlen(s);
    if (n < 3 || s[0] != '`' || s[n - 1] != '`' || n - 2 >= cap)
        return NULL;
    memcpy(buf, s + 1, n - 2);
    buf[n - 2] = '\0';
    return buf;
}

static int is_keyword(yysymbol_kind_t k)
{
    char buf[32];
    return kw_text(k, buf, sizeof buf) != NULL;
}

/* Whether `policy` could stand here (top level). */
static int clause_ok_top(const yysymbol_kind_t *exp, int n)
{
    return has(exp, n, YYSYMBOL_POLICY);
}

/* A syntax error being reported: what came, what could have. */
typedef struct SyntaxError {
    BkpParser *P;
    yysymbol_kind_t got;
    const yysymbol_kind_t *exp;
    int n;                     /* expected tokens */
    BkpSpan loc;
    const char *text;          /* what came, as written (at most 40 bytes) */
    int clause_ok;             /* a clause could start here */
    int unit_only;             /* only a unit could come (after `180`) */
    BkpDiag *g;
} SyntaxError;

static const char *got_desc(const SyntaxError *e, BkpArena *A)
{
    switch (e->got) {
    case YYSYMBOL_YYEOF: return "end of file";
    case YYSYMBOL_WORD: return bkp_arena_printf(A, "word `%s`", e->text);
    case YYSYMBOL_NUMUNIT: return bkp_arena_printf(A, "duration `%s`", e->text);
    case YYSYMBOL_STRING: return "quoted string";
    default: return bkp_arena_printf(A, "`%s`", e->text);
    }
}

/* "expected ...", or NULL when nothing could come. */
static const char *expected_desc(const SyntaxError *e, BkpArena *A)
{
    const yysymbol_kind_t *exp = e->exp;
    int n = e->n;
    if (e->clause_ok)
        return has(exp, n, YYSYMBOL_POLICY) ? "a clause, `policy`, `template`, `use`, `vault` or `protect`"
                                            : "a clause or `}`";
    if (has(exp, n, YYSYMBOL_WORD) && has(exp, n, YYSYMBOL_STRING) && has(exp, n, YYSYMBOL_POLICY))
        return "a name";
    if (e->unit_only)
        return "a unit (`h`, `d`, `w`, `m`, `y`, or `hours`, `days`, ...)";
    if (n == 0)
        return NULL;
    char *buf = bkp_arena_alloc(A, 512);
    size_t len = 0;
    int shown = n > 6 ? 5 : n;
    for (int i = 0; i < shown; i++) {
        const char *sep = i == 0 ? "" : i == shown - 1 && shown == n ? " or " : ", ";
        len += (size_t)snprintf(buf + len, 512 - len, "%s%s", sep, token_desc(exp[i]));
        if (len >= 400)
            break;
    }
    if (shown < n)
        snprintf(buf + len, 512 - len, ", ...");
    return buf;
}

/* did you mean: a word (or a keyword out of place) near an expected
 * keyword, or near a keyword that starts a clause or a statement where a
 * clause could start. One replacement: a fix too. */
static void did_you_mean(const SyntaxError *e)
{
    if (e->got != YYSYMBOL_WORD && !is_keyword(e->got))
        return;
    BkpArena *A = &e->P->ctx->arena;
    const char *cands[64 + BKP_KW_COUNT];
    size_t nc = 0;
    for (int i = 0; i < e->n && nc < 64; i++) {
        char buf[32];
        const char *k = kw_text(e->exp[i], buf, sizeof buf);
        if (k)
            cands[nc++] = bkp_arena_strdup(A, k);
    }
    const char *best = bkp_closest(e->text, cands, nc);
    if (!best && e->clause_ok) {
        nc = 0;
        for (int k = 0; k < BKP_KW_COUNT; k++)
            if (bkp_keyword_flags((BkpKeyword)k) & (BKP_KWF_CLAUSE | BKP_KWF_STMT))
                cands[nc++] = bkp_keyword_text((BkpKeyword)k);
        best = bkp_closest(e->text, cands, nc);
    }
    if (!best || strcmp(best, e->text) == 0 ||
        (e->got == YYSYMBOL_ON && e->n == 1 && e->exp[0] == YYSYMBOL_IN))
        return;
    bkp_diag_hint(&e->P->ctx->diags, e->g, "did you mean `%s`?", best);
    bkp_diag_fix(&e->P->ctx->diags, e->g, e->loc, best);
}

/* Hints for the usual slips, by what alone could have come. */
static void slip_hints(const SyntaxError *e)
{
    BkpParser *P = e->P;
    BkpDiags *D = &P->ctx->diags;
    yysymbol_kind_t only = e->n == 1 ? e->exp[0] : YYSYMBOL_YYEMPTY;
    if (only == YYSYMBOL_FOR && P->clause_kw == REQUIRE)
        bkp_diag_hint(D, e->g, "a requirement gives its span: `require daily points for 30d`");
    else if (only == YYSYMBOL_FOR)
        bkp_diag_hint(D, e->g, "an hourly schedule gives its window: `every 4h from 08:00 for 24h`");
    else if (only == YYSYMBOL_FROM)
        bkp_diag_hint(D, e->g, "an hourly schedule gives its start: `every 4h from 08:00 for 24h`");
    else if (only == YYSYMBOL_STRING && e->got != YYSYMBOL_STRING) {
        bkp_diag_hint(D, e->g, "quote it: `\"%s\"`", e->text);
        if (e->got == YYSYMBOL_WORD || e->got == YYSYMBOL_NUMBER || e->got == YYSYMBOL_NUMUNIT ||
            is_keyword(e->got))
            bkp_diag_fix(D, e->g, e->loc, bkp_arena_printf(&P->ctx->arena, "\"%.*s\"",
                                                           (int)(e->loc.end - e->loc.off),
                                                           P->src->text + e->loc.off));
    } else if (e->unit_only)
        bkp_diag_hint(D, e->g, "write the unit after the number: `180d` or `180 days`");
    else if (only == YYSYMBOL_AT)
        bkp_diag_hint(D, e->g, "give the time of the backup: `daily at 22:30`, `weekly on sun at 02:00`");
    else if (only == YYSYMBOL_IN)
        bkp_diag_hint(D, e->g, "yearly points name their months first: `keep yearly 5y in jan on first sun`");
    else if (only == YYSYMBOL_POINTS && e->got == YYSYMBOL_FOR) {
        bkp_diag_hint(D, e->g, "a requirement counts points: `require monthly points for 12m`");
        bkp_diag_fix(D, e->g, bkp_span(e->loc.off, e->loc.off), "points ");
    } else if (only == YYSYMBOL_ON && e->got != YYSYMBOL_ON)
        bkp_diag_hint(D, e->g, "say which days: `on first sun` or `on day 1, 15, last`");
    if ((e->got == YYSYMBOL_POLICY || e->got == YYSYMBOL_VAULT || e->got == YYSYMBOL_PROTECT ||
         e->got == YYSYMBOL_TEMPLATE || e->got == YYSYMBOL_USE) &&
        !clause_ok_top(e->exp, e->n))
        bkp_diag_hint(D, e->g, "is a `}` missing before it?");
}

static int yyreport_syntax_error(const yypcontext_t *yyctx, BkpParser *P)
{
    yysymbol_kind_t exp[64];
    SyntaxError e = {P, yypcontext_token(yyctx), exp, 0, *yypcontext_location(yyctx), NULL, 0, 0, NULL};
    if (P->recovering || e.loc.off == P->last_error)
        return 0;
    P->recovering = 1;
    P->last_error = e.loc.off;
    e.n = yypcontext_expected_tokens(yyctx, exp, 64);
    if (e.n < 0)
        e.n = 0;
    BkpArena *A = &P->ctx->arena;
    BkpDiags *D = &P->ctx->diags;
    e.text = bkp_arena_strndup(A, P->src->text + e.loc.off,
                               e.loc.end - e.loc.off > 40 ? 40 : e.loc.end - e.loc.off);
    e.clause_ok = has(exp, e.n, YYSYMBOL_ENHANCED);
    e.unit_only = e.n == 2 && has(exp, e.n, YYSYMBOL_WORD) && has(exp, e.n, YYSYMBOL_DAY);

    const char *what = got_desc(&e, A), *want = expected_desc(&e, A);
    P->errors.n++;
    e.g = want ? bkp_error(D, P->src, "syntax", e.loc, "unexpected %s; expected %s", what, want)
               : bkp_error(D, P->src, "syntax", e.loc, "unexpected %s", what);
    did_you_mean(&e);
    slip_hints(&e);
    if (P->errors.n >= P->errors.max)
        bkp_error(D, P->src, "syntax", e.loc, "too many syntax errors; stopping here");
    return 0;
}

/* ---- the grammar's tokens, for tests/unit/test_lexicon.c --------------------- */

const char *bkp_grammar_symbol(int sym)
{
    return sym >= 0 && sym < YYNTOKENS ? yysymbol_name((yysymbol_kind_t)sym) : NULL;
}

const char *bkp_grammar_token_name(int token)
{
    return yysymbol_name(YYTRANSLATE(token));
}
