/* ast.h — the syntax tree the parser builds (source -> tokens -> AST).
 *
 * The AST is what was written: words, numbers and units are kept as text
 * with their spans; the checker (src/check/) resolves them into a
 * BkpPolicy. All nodes live in the compilation's arena.
 *
 * Everything a formatter needs to print a file back is here. Every node,
 * name, item and list carries its span, every keyword where it was written
 * (AstKwAt), and a span indexes the text of AstFile.src, which the tree
 * keeps: bkp_ast_text() gives the
 * bytes of a span exactly as written (a name bare or quoted, its escapes;
 * `8:00` or `08:00`; `180d` or `180 days`). The values beside them
 * (numbers, unescaped strings, hours and minutes) are what they mean.
 * Comments are in AstFile.comments, in order, each with its span.
 * bkp_ast_walk() visits all of it in source order; bkp_ast_print() prints
 * it as an indented tree (`bkpc parse`).
 */
#ifndef BKPC_AST_H
#define BKPC_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/lexicon.h"
#include "bkpc/source.h"

/* A number that is not whole (`1.5`, `1.5d`) is kept, so parsing goes on,
 * with this value: it has been reported as a syntax error, and the checker
 * says nothing more about the item or duration that holds it. */
enum { AST_NUM_REPORTED = -1 };

/* A word, number or time inside a clause: `sun`, `15`, `last`, `08:00`. */
typedef struct AstItem {
    const char *text;          /* as written (for a number: its digits) */
    int64_t num;               /* numbers: the value (saturated at INT64_MAX),
                                  or AST_NUM_REPORTED */
    bool is_num;
    BkpSpan span;
} AstItem;

static inline bool ast_item_reported(const AstItem *it) { return it->is_num && it->num == AST_NUM_REPORTED; }

typedef struct AstList {
    AstItem *v;
    int n, cap;
    BkpSpan span;              /* first item to last item */
} AstList;

/* A name or a quoted string: `prod-vms`, `"web.01"`, `"UTC"`, or a keyword
 * standing as a name (`policy crash { ... }`). */
typedef enum AstNameForm {
    AST_NAME_BARE,             /* a word */
    AST_NAME_QUOTED,           /* a quoted string: the span covers the quotes */
    AST_NAME_KEYWORD,          /* a keyword in a name's place */
} AstNameForm;

typedef struct AstName {
    const char *value;         /* the name (a string unescaped); NULL when not written */
    BkpSpan span;              /* as written */
    AstNameForm form;
} AstName;

/* `4h`, `180 days`: the number and the unit as written. */
typedef struct AstDuration {
    int64_t num;               /* or AST_NUM_REPORTED */
    const char *unit;          /* "h", "days", ...; never NULL */
    BkpSpan span;              /* number and unit */
    uint32_t num_end;          /* where the number ends */
    uint32_t unit_off;         /* where the unit starts */
} AstDuration;

static inline BkpSpan ast_duration_num(const AstDuration *d) { return bkp_span(d->span.off, d->num_end); }
static inline BkpSpan ast_duration_unit(const AstDuration *d) { return bkp_span(d->unit_off, d->span.end); }
static inline bool ast_duration_reported(const AstDuration *d) { return d->num == AST_NUM_REPORTED; }
/* Whether blanks separate the number from the unit: `180 days`. */
static inline bool ast_duration_spaced(const AstDuration *d) { return d->unit_off > d->num_end; }

/* `08:30`, kept raw: the checker validates the range. */
typedef struct AstTime {
    int hh, mm;                /* as written (may be out of range); -1: more
                                  than two digits of hours (`123:00`), or
                                  minutes not of two (`8:0`) */
    BkpSpan span;
} AstTime;

typedef enum AstClauseKind {
    AST_TYPE,                  /* enhanced | standard */
    AST_TIMEZONE,              /* timezone "ID" */
    AST_EVERY,                 /* every Nh from HH:MM for Mh */
    AST_DAILY,                 /* daily at HH:MM[, ...] */
    AST_WEEKLY,                /* weekly on DAYS at HH:MM[, ...] */
    AST_KEEP_SNAPSHOTS,        /* keep snapshots Nd */
    AST_KEEP_DAILY,            /* keep daily Nd */
    AST_KEEP_WEEKLY,           /* keep weekly Nw [on DAYS] */
    AST_KEEP_MONTHLY,          /* keep monthly Nm on ... */
    AST_KEEP_YEARLY,           /* keep yearly Ny in MONTHS on ... */
    AST_ARCHIVE,               /* archive recommended | after Nm | never */
    AST_SNAPSHOT_RG,           /* snapshot resource-group "P" [suffix "S"] */
    AST_CONSISTENCY,           /* consistency crash | application */
    AST_REQUIRE,               /* require ... (a policy may give several) */
    AST_CLAUSE_KIND_COUNT
} AstClauseKind;

typedef enum { AST_ARCHIVE_NEVER, AST_ARCHIVE_RECOMMENDED, AST_ARCHIVE_AFTER } AstArchiveMode;

/* What a `require` clause asserts. */
typedef enum AstRequireWhat {
    AST_REQ_POINTS,            /* require daily|weekly|monthly|yearly points for SPAN [in TIER] */
    AST_REQ_SNAPSHOTS,         /* require snapshots for SPAN */
    AST_REQ_RPO,               /* require rpo DURATION [for SPAN] */
} AstRequireWhat;

/* What follows `on` in monthly/yearly retention. */
typedef enum AstOnKind {
    AST_ON_DAYS_OF_MONTH,      /* on day 1, 15, last */
    AST_ON_WORDS,              /* on first, third sun, sat  (one or two lists) */
} AstOnKind;

/* Where a keyword was written: the byte offset it starts at. A keyword has
 * one spelling (the lexicon's), so that is its span: ast_kw_span(). 0 for
 * an optional keyword that was not written (a written one never stands at
 * 0: something comes before it). A statement's or a clause's first keyword
 * stands where its span starts. Offsets rather than spans keep the tree
 * small: a file may hold 20,000 policies. */
typedef uint32_t AstKwAt;

/* What selects the points a keep clause keeps: `in MONTHS` and `on ...`. */
typedef struct AstKeepOn {
    AstOnKind on;
    AstKwAt in_at;             /* `in` (yearly) */
    AstList months;            /* yearly: `in MONTHS` */
    AstList first;             /* weeks (or days when only one list), or days of month */
    AstList second;            /* days, when two lists were written */
    BkpSpan on_span;           /* from `on` to the end of its lists */
    AstKwAt on_at;             /* `on` */
    AstKwAt day_at;            /* `day` (AST_ON_DAYS_OF_MONTH) */
} AstKeepOn;

/* A clause. It starts with its keyword; `keep` and `snapshot` are followed
 * by a second one (`keep monthly`, `snapshot resource-group`), which ends
 * where the leading keywords end (kw_end). The others are in the clause's
 * own fields (`from`, `for`, `on`, `at`, ...). */
typedef struct AstClause {
    AstClauseKind kind;
    BkpSpan span;              /* the whole clause */
    uint32_t kw_end;           /* where its leading keyword(s) end: ast_clause_kw_span() */
    struct AstClause *next;
    union {
        struct { bool enhanced; } type;
        struct { AstName id; } tz;
        struct { AstDuration interval, window; AstTime start; AstKwAt from_at, for_at; } every;
        struct {                     /* daily (no days) / weekly */
            AstList days;
            AstTime *times;
            int ntimes;
            BkpSpan times_span;      /* first time to last */
            AstKwAt on_at, at_at;    /* `on` (weekly), `at` */
        } sched;
        struct {
            AstDuration dur;
            struct AstKeepOn *sel;   /* `in ...` / `on ...`; NULL when neither was written */
        } keep;
        struct {
            AstArchiveMode mode;
            AstKwAt mode_at;         /* `recommended`, `never` or `after` */
            AstDuration after;
        } archive;
        struct { AstName prefix, suffix; AstKwAt suffix_at; } rg;   /* suffix.value NULL: none */
        struct {
            bool crash;              /* the keyword `crash` */
            AstItem word;            /* as written: `crash`, `application`, ... */
        } consistency;
        struct {                     /* require: its leading keywords are `require`
                                        and the period, `snapshots` or `rpo` */
            AstRequireWhat what;
            BkpKeyword kind;         /* BKP_KW_DAILY .. BKP_KW_YEARLY, BKP_KW_SNAPSHOTS
                                        or BKP_KW_RPO: the second keyword */
            AstDuration rpo;         /* AST_REQ_RPO */
            AstDuration span;        /* `for SPAN` (has_span) */
            bool has_span;
            AstName tier;            /* `in TIER`; value NULL: none */
            AstKwAt points_at, for_at, in_at;   /* `points`, `for`, `in` */
        } require;
    } u;
} AstClause;

/* The span of keyword k written at `at`. */
BkpSpan ast_kw_span(BkpKeyword k, AstKwAt at);
/* A clause's leading keyword(s) as one span: `keep monthly`, `every`. */
static inline BkpSpan ast_clause_kw_span(const AstClause *c) { return bkp_span(c->span.off, c->kw_end); }

/* A policy block, a template block (`template NAME [from NAME] { ... }`),
 * or a file's bare clauses. */
typedef struct AstPolicy {
    AstName name;              /* implicit: the file's stem, and an empty span */
    BkpSpan span;              /* from `policy` or `template` (implicit: the first clause) */
    bool is_template;          /* `template NAME { ... }` */
    AstName from;              /* `from NAME`: the template it is made from (value NULL: none) */
    AstKwAt from_at;           /* `from` */
    AstKwAt lbrace_at, rbrace_at;   /* `{`, `}` (0: missing, or implicit) */
    bool implicit;             /* bare clauses: named after the file */
    bool had_error;            /* a syntax error was recovered inside it: the
                                  checker skips its whole-policy checks */
    AstClause *clauses;
    struct AstPolicy *next;
} AstPolicy;

typedef struct AstVault {
    AstName name, rg, subscription;           /* subscription.value NULL: none */
    BkpSpan span;                             /* from `vault` */
    AstKwAt rg_at, subscription_at;           /* `resource-group`, `subscription` */
    AstKwAt with_at;                          /* `with` (0: the vault holds every policy) */
    AstName *policies;                        /* `with P, Q`: the policies it holds */
    int npolicies;
    BkpSpan policies_span;                    /* first to last of them */
    struct AstVault *next;
} AstVault;

typedef enum { AST_DISKS_ALL, AST_DISKS_INCLUDE, AST_DISKS_EXCLUDE } AstDiskMode;

typedef struct AstProtect {
    AstName vm, rg, policy;
    BkpSpan span;                             /* from `protect` */
    AstKwAt vm_at, rg_at, with_at;            /* `vm`, `resource-group`, `with` */
    AstName vault;                            /* `in VAULT` (value NULL: not written) */
    AstKwAt in_at;                            /* `in` */
    AstDiskMode disks;
    AstList luns;
    BkpSpan disks_span;                       /* `exclude disks 1, 2`; empty: none */
    AstKwAt mode_at, disks_at;                /* `exclude` or `include`, `disks` */
    struct AstProtect *next;
} AstProtect;

/* `use "FILE.bkp"`: the templates and policies of another file. */
typedef struct AstUse {
    AstName path;              /* as written (quoted), and its value */
    BkpSpan span;              /* from `use` */
    /* The file it names, parsed: set by the pipeline that loads it
     * (bkp_compile); NULL before, or when it could not be loaded. */
    const struct AstFile *file;
    bool failed;               /* the pipeline could not (it said why) */
    struct AstUse *next;
} AstUse;

/* A comment, kept for the formatter: `# ...` up to the end of the line. */
typedef struct AstComment {
    BkpSpan span;
    struct AstComment *next;
} AstComment;

typedef struct AstFile {
    BkpSource *src;
    AstPolicy *policies;
    AstPolicy *bare;           /* the implicit policy of bare clauses, if any */
    AstPolicy *templates;      /* the template blocks, in order */
    AstUse *uses;              /* the `use` statements, in order */
    AstVault *vaults;
    AstProtect *protects;
    AstComment *comments;      /* every comment, in order */
    unsigned ncomments;
    unsigned syntax_errors;    /* lexical (the token stream's) and grammatical */
    const BkpSpan *marked;     /* tokens whose lexical error was reported (a NUL in a
                                  string, a pasted character...), in order */
    size_t nmarked;
} AstFile;

/* A file's top-level statements in source order: the policy blocks (and
 * the bare clauses' policy, where its first clause stands), the template
 * blocks, the uses, the vaults and the protects, each list in order, merged
 * by position.
 *
 *     AstStmtIter it;
 *     ast_stmts_begin(&it, f);
 *     for (AstStmt s; (s = ast_stmts_next(&it)).kind != AST_STMT_END;) ...
 */
typedef enum { AST_STMT_END, AST_STMT_POLICY, AST_STMT_TEMPLATE, AST_STMT_USE, AST_STMT_VAULT,
               AST_STMT_PROTECT } AstStmtKind;
typedef struct AstStmt {
    AstStmtKind kind;
    const AstPolicy *block;    /* AST_STMT_POLICY, AST_STMT_TEMPLATE */
    const AstUse *use;
    const AstVault *vault;
    const AstProtect *protect;
} AstStmt;
typedef struct AstStmtIter {
    const AstPolicy *policy, *template_;
    const AstUse *use;
    const AstVault *vault;
    const AstProtect *protect;
} AstStmtIter;
void ast_stmts_begin(AstStmtIter *it, const AstFile *f);
AstStmt ast_stmts_next(AstStmtIter *it);

/* Whether the token at span s had its lexical error reported: the checker
 * then says nothing more about the name it wrote (one error per mistake). */
bool bkp_ast_marked(const AstFile *f, BkpSpan s);

const char *bkp_clause_name(AstClauseKind k);   /* "keep daily", "timezone", ... */

/* Whether only blanks stand before span s on its line (a comment on a
 * line of its own, not after code). */
bool bkp_ast_own_line(const AstFile *f, BkpSpan s);

/* The bytes of span s of f's source, exactly as written (not terminated);
 * *n gets how many. */
static inline const char *bkp_ast_text(const AstFile *f, BkpSpan s, size_t *n)
{
    *n = s.end - s.off;
    return f->src->text + s.off;
}

/* ---- walking and printing ------------------------------------------------- */

/* What a walker visits: the file, its statements and their parts, and the
 * comments, each a node with a kind, a span and its role in its parent. */
typedef enum AstNodeKind {
    AST_NODE_FILE,             /* children: the statements, in source order */
    AST_NODE_POLICY,           /* a policy block, or the bare clauses' policy */
    AST_NODE_TEMPLATE,         /* a template block (u.policy) */
    AST_NODE_USE,
    AST_NODE_VAULT,
    AST_NODE_PROTECT,
    AST_NODE_CLAUSE,
    AST_NODE_KEYWORD,          /* u.keyword: which one */
    AST_NODE_PUNCT,            /* `{` or `}` of a policy block */
    AST_NODE_NAME,             /* a name or a quoted string */
    AST_NODE_DURATION,
    AST_NODE_TIME,
    AST_NODE_LIST,             /* children: its items; or, when u.list is NULL,
                                  names (`vault ... with web, db`) */
    AST_NODE_ITEM,             /* a word or a number (in a list, or alone:
                                  `consistency application`) */
    AST_NODE_COMMENT,
    AST_NODE_KIND_COUNT
} AstNodeKind;

typedef struct AstNode {
    AstNodeKind kind;
    BkpSpan span;
    const char *role;          /* what it is to its parent: "name", "interval",
                                  "weeks", ...; NULL when its kind says it */
    union {
        const AstFile *file;
        const AstPolicy *policy;
        const AstVault *vault;
        const AstProtect *protect;
        const AstUse *use;
        const AstClause *clause;
        BkpKeyword keyword;
        const AstName *name;
        const AstDuration *duration;
        const AstTime *time;
        const AstList *list;
        const AstItem *item;
        const AstComment *comment;
    } u;
} AstNode;

/* Callbacks of a walk (either may be NULL). enter returns false to skip
 * the node's children (leave is still called). depth: 0 for the file. */
typedef struct AstVisitor {
    bool (*enter)(void *user, const AstNode *n, int depth);
    void (*leave)(void *user, const AstNode *n, int depth);
    void *user;
} AstVisitor;

/* Visits f in source order: the file, then its statements (policy and
 * template blocks, the bare clauses' policy at its first clause, use, vault
 * and protect statements), each with its keywords, names, clauses and their parts,
 * and every comment where it stands among them (a comment inside a clause
 * is that clause's child, between the tokens it lies between). */
void bkp_ast_walk(const AstFile *f, const AstVisitor *v);

/* The tree as indented text, one node a line: its kind, its role, its text
 * as written, its value where that says more, and its span as
 * line:col-line:col. A developer aid (`bkpc parse`). */
void bkp_ast_print(FILE *out, const AstFile *f);

#endif
