/* import_int.h — the import stage's private parts: a reader over one parsed
 * JSON file, the values in it with their JSON paths, and the readers of
 * each form. */
#ifndef BKPC_IMPORT_INT_H
#define BKPC_IMPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "bkpc/diag.h"
#include "bkpc/import.h"

/* A JSON value and where it is: its parent and its key or index. `v` is
 * NULL when the value is absent (null counts as absent). Nodes live on the
 * stack of the code that walks down to them. */
typedef struct Node {
    json_t *v;
    const struct Node *up;
    const char *key;            /* as written in the file; NULL: an array element */
    size_t index;
} Node;

/* An object being read: which of its keys were asked for (the first 64),
 * so that the others can be reported as unknown. */
typedef struct Obj {
    Node n;
    uint64_t used;
} Obj;

typedef enum { DIALECT_REST, DIALECT_PS } Dialect;

/* A mistake that may repeat within a policy: its first diagnostic, and
 * how many times it was made. */
typedef struct Once {
    BkpDiag *first;
    int n;
} Once;

/* One parsed file being read. */
typedef struct Reader {
    BkpImport *im;
    BkpSource *src;
    BkpDiags *D;
    BkpArena *A;
    Dialect dialect;            /* of the policy being read */
    bool arm;                   /* an ARM template: strings may be expressions */
    json_t *arm_params, *arm_vars;   /* the template's, when arm */
    json_t *temps;              /* values made by evaluating expressions (owned) */
    json_t *poison;             /* stands for a value already reported as bad */
    /* The policy being read: its times dated in the future, its retention
     * times other than the backup time (one diagnostic each, counting). */
    Once future, retention_time;
} Reader;

/* ---- json.c: nodes, paths, positions, diagnostics ------------------------------ */

Node node_child(const Node *up, const char *key, json_t *v);
Node node_elem(const Node *up, size_t index);
/* "$.properties.retentionPolicy.dailySchedule.retentionTimes[1]" (arena). */
const char *node_path(Reader *R, const Node *n);
/* Where the value is in the file (the nearest present ancestor of an
 * absent one). */
BkpSpan node_span(Reader *R, const Node *n);
/* An error or warning (rule `import`) at n: "PATH: message". */
BkpDiag *imp_diag(Reader *R, BkpSeverity sev, const Node *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define imp_error(R, n, ...) imp_diag((R), BKP_SEV_ERROR, (n), __VA_ARGS__)
#define imp_warning(R, n, ...) imp_diag((R), BKP_SEV_WARNING, (n), __VA_ARGS__)
/* "a string", "an array", ... */
const char *json_kind(const json_t *v);

/* Opens n as an object: false (and an error) when it is something else. */
bool obj_open(Reader *R, const Node *n, Obj *o);
/* The same for a member that must be there: absent, "missing: why". */
bool obj_need(Reader *R, const Node *n, Obj *o, const char *why);
/* Member `key` of o, matched without regard to case (as Azure and
 * PowerShell read keys); two members that match are an error. In an ARM
 * template a string value that is an expression is evaluated. */
Node obj_get(Reader *R, Obj *o, const char *key);
/* Whether o has a member `key` (null included), without using it. */
bool obj_has(const Obj *o, const char *key);
/* Errors for the members of o that were not asked for and are not in
 * `ignored` (NULL-terminated), unless they are null, {} or []: bkpc does not
 * know what they mean. Returns false when there was one. */
bool obj_close(Reader *R, Obj *o, const char *const *ignored);

/* Element i of array n, evaluated like obj_get's. */
Node arr_elem(Reader *R, const Node *n, size_t i);
/* n must be an array (an error otherwise); its length, or -1. */
long arr_open(Reader *R, const Node *n);

/* ---- arm.c: template expressions -------------------------------------------------- */

/* The value an ARM template string stands for: itself, or the value of the
 * expression `[...]` (parameters(), variables(), concat(), format(), string
 * and number literals); NULL and an error at n for any other expression. */
json_t *arm_eval(Reader *R, const Node *n, json_t *s);

/* ---- values.c: scalars ---------------------------------------------------------------- */

/* A string (arena copy); NULL and an error when n holds something else. */
const char *val_string(Reader *R, const Node *n);
/* A whole number 0..1e9; -1 and an error otherwise. */
int val_count(Reader *R, const Node *n, const char *what);
bool val_bool(Reader *R, const Node *n, bool *out);

/* One value of an enum: its name (compared without regard to case), its
 * number in PowerShell's ConvertTo-Json output (0: none), and bkpc's value. */
typedef struct EnumVal {
    const char *name;
    int ps;
    int value;
} EnumVal;
/* The value of n in `table` (n entries); -1 and an error naming the
 * accepted names otherwise. */
int val_enum(Reader *R, const Node *n, const EnumVal *table, int count, const char *what);
/* A word of the lexicon as Azure spells it (`Sunday`, `January`, `First`,
 * `Days`), or PowerShell's number for it. -1 and an error otherwise. */
int val_word(Reader *R, const Node *n, BkpWordKind kind);
/* A list of words as a set; `rule` forbids repeats and empty lists (B4,
 * D10, D14, D17). 0 and an error otherwise. */
uint32_t val_words(Reader *R, const Node *n, BkpWordKind kind, const char *rule);
/* A date-time as Azure reads it: the minute of the day of its UTC clock
 * (A7), a warning when it is dated after the import's `now`. -1 and an
 * error when it is not a date-time, or has seconds. */
int val_time(Reader *R, const Node *n);
/* One policy's reading starts and ends: a mistake it repeats (a time in
 * the future, a retention time other than the backup time) is reported
 * once, counting the others. */
void policy_begin(Reader *R);
void policy_end(Reader *R);
/* A list of exactly one date-time (`what`: "backup time", ...; `rule`
 * demands one), or -1. */
int val_one_time(Reader *R, const Node *n, const char *what, const char *rule);
/* A string that .bkp can write (no line break), or NULL and an error. */
const char *val_text(Reader *R, const Node *n, const char *what);

/* ---- policy.c: the policy body, REST or PowerShell ---------------------------------- */

/* The body of one policy into p (name and vault aside): the `properties`
 * of a REST resource, or a PowerShell policy object. false on errors. */
bool read_rest_body(Reader *R, const Node *props, BkpPolicy *p);
bool read_ps_body(Reader *R, Obj *top, BkpPolicy *p);

/* ---- forms.c: which form a file is, and its policies --------------------------------- */

/* Every policy of the parsed file `root`, each passed to import_add(). */
void read_file(Reader *R, const Node *root);

/* ---- import.c ----------------------------------------------------------------------- */

/* Where a file's JSON starts: past a UTF-8 byte-order mark. */
size_t import_text_start(const BkpSource *src);

/* A policy read whole (name set): added unless its name was read before or
 * its vault differs from another policy's (errors at `at`). */
void import_add(Reader *R, BkpPolicy *p, const BkpVault *vault, const Node *at);

#endif
