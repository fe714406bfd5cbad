/* unichar.h — what bkpc says about single characters: their Unicode names
 * (from ICU), and the typographic characters a word processor puts in place
 * of ASCII ones, which end up in a .bkp file pasted from a document. The
 * scanner (grammar/lexer.l) recognises the same characters: its patterns
 * PSPACE, PDASH and PQUOTE hold each one of the table in unichar.c, and
 * tests/unit/test_scanner.c checks that they agree.
 */
#ifndef BKPC_UNICHAR_H
#define BKPC_UNICHAR_H

#include <stddef.h>
#include <stdint.h>

/* The ASCII text that character cp stands for when it was probably pasted
 * from a document: "-" for a dash or a minus sign, "\"" for a typographic
 * quotation mark, " " for a special space, "" for an invisible character
 * (zero-width space, soft hyphen, a byte-order mark inside the text); NULL
 * for any other character. */
const char *bkp_pasted_ascii(uint32_t cp);

/* "U+2013 EN DASH": the code point and its Unicode name (ICU; the code
 * point alone when it has none), into buf of n bytes; returns buf. */
const char *bkp_char_name(uint32_t cp, char *buf, size_t n);

#endif
