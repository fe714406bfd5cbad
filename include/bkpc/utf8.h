/* utf8.h — UTF-8 decoding and validation, in one place: the scanner (is a
 * string well-formed?), source positions (columns in characters and in
 * UTF-16 units) and the diagnostic renderers (what may reach a terminal).
 *
 * Well-formed means RFC 3629: no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing past U+10FFFF.
 */
#ifndef BKPC_UTF8_H
#define BKPC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Whether byte c continues a sequence (10xxxxxx) rather than starting one. */
static inline bool bkp_utf8_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* The length (1 to 4) of the well-formed sequence that starts s[0..n), or 0
 * when none does (n == 0, a stray or truncated sequence, an overlong form, a
 * surrogate, a code point past U+10FFFF). */
size_t bkp_utf8_len(const char *s, size_t n);

/* The same, and *cp gets the code point (U+FFFD when the length is 0). */
size_t bkp_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Writes code point cp (at most U+10FFFF, not a surrogate) as UTF-8 into
 * out, which has room for 4 bytes; returns how many it wrote. */
size_t bkp_utf8_encode(uint32_t cp, char *out);

/* Whether s[0..n) is well-formed UTF-8 as a whole. */
bool bkp_utf8_valid(const char *s, size_t n);
/* How many bytes s[0..n) starts with that are ASCII (< 0x80). */
size_t bkp_ascii_prefix(const char *s, size_t n);

/* How many UTF-16 code units the character starting s[0..n) takes: 2 for a
 * well-formed sequence of 4 bytes (outside the BMP), 0 for a continuation
 * byte, else 1 (a byte that is not UTF-8 counts as one character). */
static inline unsigned bkp_utf8_units16(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    return bkp_utf8_cont(c) ? 0 : c >= 0xF0 && bkp_utf8_len(s, n) == 4 ? 2 : 1;
}

#endif
