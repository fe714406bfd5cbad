/* ast.h — the syntax tree the parser builds (source -> tokens -> AST).
 *
 * The AST is close to what was written: words, numbers and units are kept as
 * text with their spans; the checker (check.c) resolves them into a
 * BkpPolicy. Every node carries its source span. All nodes live in the
 * compilation's arena.
 */
#ifndef BKPC_AST_H
#define BKPC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "bkpc/source.h"

/* A number that is not whole (`1.5`, `1.5d`) is kept, so parsing goes on,
 * with this value: the scanner has reported it, and the checker says nothing
 * more about the item or duration that holds it. */
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

/* `08:30`, kept raw: the checker validates the range. */
typedef struct AstTime {
    int hh, mm;                /* as written (may be out of range) */
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
    AST_CLAUSE_KIND_COUNT
} AstClauseKind;

typedef enum { AST_ARCHIVE_NEVER, AST_ARCHIVE_RECOMMENDED, AST_ARCHIVE_AFTER } AstArchiveMode;

/* What follows `on` in monthly/yearly retention. */
typedef enum AstOnKind {
    AST_ON_DAYS_OF_MONTH,      /* on day 1, 15, last */
    AST_ON_WORDS,              /* on first, third sun, sat  (one or two lists) */
} AstOnKind;

/* What selects the points a keep clause keeps: `in MONTHS` and `on ...`. */
typedef struct AstKeepOn {
    AstOnKind on;
    AstList months;            /* yearly: `in MONTHS` */
    AstList first;             /* weeks (or days when only one list), or days of month */
    AstList second;            /* days, when two lists were written */
    BkpSpan on_span;
} AstKeepOn;

typedef struct AstClause {
    AstClauseKind kind;
    BkpSpan span;              /* the whole clause */
    BkpSpan kw_span;           /* its leading keyword(s): `keep monthly`, `every` */
    struct AstClause *next;
    union {
        struct { bool enhanced; } type;
        struct { const char *id; BkpSpan id_span; } tz;
        struct { AstDuration interval, window; AstTime start; } every;
        struct { AstList days; AstTime *times; int ntimes; } sched; /* daily (no days) / weekly */
        struct {
            AstDuration dur;
            struct AstKeepOn *sel;   /* `in ...` / `on ...`; NULL when neither was written */
        } keep;
        struct { AstArchiveMode mode; AstDuration after; } archive;
        struct { const char *prefix, *suffix; BkpSpan prefix_span, suffix_span; } rg;
        struct { bool crash; const char *word; BkpSpan word_span; } consistency;
    } u;
} AstClause;

typedef struct AstPolicy {
    const char *name;
    BkpSpan name_span;
    bool implicit;             /* bare clauses: named after the file */
    bool had_error;            /* a syntax error was recovered inside it: the
                                  checker skips its whole-policy checks */
    BkpSpan span;
    AstClause *clauses, *last_clause;
    struct AstPolicy *next;
} AstPolicy;

typedef struct AstVault {
    const char *name, *rg, *subscription;   /* subscription may be NULL */
    BkpSpan span, name_span, rg_span, subscription_span;
    struct AstVault *next;
} AstVault;

typedef enum { AST_DISKS_ALL, AST_DISKS_INCLUDE, AST_DISKS_EXCLUDE } AstDiskMode;

typedef struct AstProtect {
    const char *vm, *rg, *policy;
    BkpSpan span, vm_span, rg_span, policy_span;
    AstDiskMode disks;
    AstList luns;
    BkpSpan disks_span;
    struct AstProtect *next;
} AstProtect;

/* A comment, kept for the formatter: `# ...` up to the end of the line. */
typedef struct AstComment {
    BkpSpan span;
    bool own_line;             /* alone on its line (else after code) */
    struct AstComment *next;
} AstComment;

typedef struct AstFile {
    BkpSource *src;
    AstPolicy *policies, *last_policy;
    AstPolicy *bare;           /* the implicit policy of bare clauses, if any */
    AstVault *vaults, *last_vault;
    AstProtect *protects, *last_protect;
    AstComment *comments;      /* every comment, in order */
    unsigned ncomments;
    unsigned syntax_errors;    /* reported by the scanner and the parser */
} AstFile;

const char *bkp_clause_name(AstClauseKind k);   /* "keep daily", "timezone", ... */

#endif
