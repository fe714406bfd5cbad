/* quote.h — user strings in generated scripts.
 *
 * Every name that comes from a .bkp file (vault, resource group, policy, VM,
 * snapshot resource-group prefix and suffix, time zone) reaches a generated
 * script only through these functions, so no name can become code.
 */
#ifndef BKPC_QUOTE_H
#define BKPC_QUOTE_H

#include <stdbool.h>
#include <stdio.h>

/* `s` as a PowerShell single-quoted (verbatim) string literal. Inside one,
 * nothing is expanded; the only special characters are the five that
 * PowerShell reads as a single quote (' and U+2018..U+201B), and each is
 * written twice. Newlines and every other character stand for themselves. */
void bkp_ps_quote(FILE *out, const char *s);

/* `s` as one POSIX shell word: '...' with each ' written as '\''. */
void bkp_sh_quote(FILE *out, const char *s);

/* Whether `s` may be copied into a comment of a generated script as it is:
 * 1..100 characters from [A-Za-z0-9] and " ._-!+,:/()". Anything else (a
 * newline would end a # comment, `#>` a <# #> block) is left out of
 * comments. */
bool bkp_comment_safe(const char *s);

/* Whether `s` holds a byte outside ASCII. */
bool bkp_has_non_ascii(const char *s);

#endif
