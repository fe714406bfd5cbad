/* print.h — canonical .bkp text: checked values back to source, and the
 * layout the formatter shares.
 *
 * The canonical layout (docs/language.md, "Canonical layout") is defined
 * here once:
 *
 *   - a file: the `vault` statement, the policy blocks, the `protect`
 *     statements, in that order; a blank line between the three parts and
 *     between two policy blocks; the text ends with one newline;
 *   - a policy block: `policy NAME {`, one clause per line indented by
 *     BKP_LAYOUT_INDENT spaces, in the order of bkp_layout_rank(), then `}`;
 *   - tokens separated by one space; list elements by BKP_LAYOUT_LIST_SEP
 *     (`on first, third sat`, `on day 1, 15, last`);
 *   - a name bare where the grammar reads it as one word (a keyword too:
 *     `policy daily {`), else quoted; in a string `"` and `\` are escaped;
 *   - a duration as the number and the letter of the unit its clause counts
 *     in, attached (`4h`, `180d`, `12w`, `60m`, `10y`); a time as `HH:MM`;
 *     words in the lexicon's own spelling (BKP_SPELL_BKP: `sun`, `jan`,
 *     `first`, `last`), each set in value order;
 *   - a comment on a line of its own is indented as what follows it; a
 *     comment after a token is two spaces after it, and the comments after
 *     the tokens of consecutive lines are aligned: two spaces after the
 *     longest of those lines (counted in characters).
 *
 * The printer writes every value a checked policy holds, defaults too, so
 * that printed text says what Azure receives: compile -> print -> compile
 * gives an equal program (policy.h's bkp_program_equal), and printing is
 * idempotent. The formatter (fmt.h) keeps values as written but lays them
 * out with the same BkpPrinter and clause order.
 */
#ifndef BKPC_PRINT_H
#define BKPC_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bkpc/ast.h"
#include "bkpc/lexicon.h"
#include "bkpc/policy.h"

enum { BKP_LAYOUT_INDENT = 4 };       /* spaces per open block */
#define BKP_LAYOUT_LIST_SEP ", "      /* between the elements of a list */

/* The rank of a clause kind in the canonical order of a policy's clauses:
 * type, timezone, the schedule (the three kinds share a rank: a policy has
 * one), keep snapshots, keep daily, keep weekly, keep monthly, keep yearly,
 * archive, snapshot resource-group, consistency. */
int bkp_layout_rank(AstClauseKind k);

/* ---- the text writer -----------------------------------------------------
 * Text is built in memory; a failure is remembered, and bkp_pr_finish()
 * then returns nothing, so no caller writes a partial file. A value the
 * language cannot write is a failure (EINVAL): a string with a newline, an
 * empty list or a member without a word, a negative count, a time outside
 * the day. A checked policy never holds one; a policy built otherwise
 * (import) may. */
typedef struct BkpPrinter {
    char *data;
    size_t len, cap;
    int depth;                  /* open blocks */
    bool in_line;               /* the current line holds a token */
    bool glued;                 /* the next token follows a list separator */
    bool eol_pending;           /* the line ends before the next token (after a brace) */
    int err;                    /* 0, or the errno of the first failure */
    size_t *marks;              /* where a comment follows a line's tokens: the */
    size_t nmarks, capmarks;    /* end of the tokens (aligned by bkp_pr_finish) */
} BkpPrinter;

void bkp_pr_init(BkpPrinter *pr);
void bkp_pr_free(BkpPrinter *pr);
/* Ends the last line and hands over the text (malloc'd, NUL-terminated,
 * *len bytes when len is not NULL); the printer is empty again. NULL with
 * errno ENOMEM (out of memory) or EINVAL (a value it cannot write). */
char *bkp_pr_finish(BkpPrinter *pr, size_t *len);

/* A token as it is, one space after the previous one on the line (at the
 * start of a line: the indentation). */
void bkp_pr_token(BkpPrinter *pr, const char *text);
/* The same with n bytes of text (not terminated): a span of a source. */
void bkp_pr_text(BkpPrinter *pr, const char *text, size_t n);
void bkp_pr_keyword(BkpPrinter *pr, BkpKeyword k);
/* The separator after a list element: the next token follows BKP_LAYOUT_LIST_SEP. */
void bkp_pr_list_sep(BkpPrinter *pr);
/* A string literal: `"`, the bytes with `"` and `\` escaped, `"`. */
void bkp_pr_string(BkpPrinter *pr, const char *s);
/* A name: bare when bkp_name_is_bare(), else a string literal. */
void bkp_pr_name(BkpPrinter *pr, const char *name);
/* `180d`: n and the unit's letter. */
void bkp_pr_duration(BkpPrinter *pr, int n, BkpUnit u);
/* `08:30`: minutes after midnight. */
void bkp_pr_time(BkpPrinter *pr, int minute);
/* The members of a set of words (bit v = value v), as a list. */
void bkp_pr_words(BkpPrinter *pr, BkpWordKind kind, uint32_t set);
/* ` {`, and the lines that follow one level deeper. The brace ends its
 * line; only a comment may still follow it there. */
void bkp_pr_open(BkpPrinter *pr);
/* `}` on a line of its own, one level up (a comment may follow it). */
void bkp_pr_close(BkpPrinter *pr);
/* Ends the current line (nothing when it is empty). */
void bkp_pr_end_line(BkpPrinter *pr);
/* One blank line before what comes next (none at the start, never two). */
void bkp_pr_blank_line(BkpPrinter *pr);
/* A comment (`#` and its text, n bytes, no newline; trailing blanks
 * dropped): after the line's last token, or on a line of its own when the
 * line is empty. The line ends after it. Comments after the tokens of
 * consecutive lines are aligned when the text is finished. */
void bkp_pr_comment(BkpPrinter *pr, const char *text, size_t n);

/* bkp_name_is_bare(): lexicon.h. */
/* Whether `s` can be written as a string literal: it holds no newline
 * (strings are UTF-8, as the scanner and jansson ensure). */
bool bkp_string_printable(const char *s);

/* ---- checked values as canonical text -------------------------------------- */

/* Field f of p as its clause writes it after the clause's keywords: `180d`,
 * `on first, third sat`, `in jan on day 1`, `after 3m`, `"p" suffix "s"`;
 * the schedule whole (`every 4h from 08:00 for 24h`, `daily at 22:30`), the
 * type as its keyword. false, and nothing written, when p has no field f. */
bool bkp_print_field(BkpPrinter *pr, const BkpPolicy *p, BkpField f);
/* The clause of kind k of p, on a line of its own; false, and nothing
 * written, when p has no such clause (AST_EVERY for a daily schedule,
 * AST_KEEP_DAILY for a weekly one, AST_SNAPSHOT_RG without a prefix). */
bool bkp_print_clause(BkpPrinter *pr, const BkpPolicy *p, AstClauseKind k);
/* `policy NAME {`, every clause p has in canonical order, then its
 * requirements (its templates' too: a printed policy is made from none),
 * `}`. */
void bkp_print_policy(BkpPrinter *pr, const BkpPolicy *p);
/* `require ...` on a line of its own. */
void bkp_print_require(BkpPrinter *pr, const BkpRequire *r);
/* `vault NAME resource-group RG [subscription SUB] [with POLICY, ...]`. */
void bkp_print_vault(BkpPrinter *pr, const BkpVault *v);
/* `protect vm VM resource-group RG with POLICY [in VAULT] [include|exclude
 * disks L, ...]`, the LUNs in ascending order; `in VAULT` when its vault
 * holds a list of policies (bkp_print_program: when the program has more
 * than one vault). */
void bkp_print_protect(BkpPrinter *pr, const BkpProtect *pt);
/* The vaults, the policies and the protects, in the canonical file layout. */
void bkp_print_program(BkpPrinter *pr, const BkpProgram *prog);

/* Whole texts, malloc'd (the caller frees them); NULL as bkp_pr_finish(). */
char *bkp_program_text(const BkpProgram *prog, size_t *len);
char *bkp_policy_text(const BkpPolicy *p, size_t *len);
/* bkp_print_field() as a string; NULL when p has no field f (errno 0) or
 * on failure (errno set). */
char *bkp_field_text(const BkpPolicy *p, BkpField f);

#endif
