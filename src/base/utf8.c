/* utf8.c — UTF-8 decoding and validation (see include/bkpc/utf8.h). */
#include "bkpc/utf8.h"

#include <stdint.h>
#include <string.h>

size_t bkp_ascii_prefix(const char *s, size_t n)
{
    /* 32 bytes at a time, then 8: a file is mostly ASCII */
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint64_t w[4];
        memcpy(w, s + i, 32);
        if ((w[0] | w[1] | w[2] | w[3]) & UINT64_C(0x8080808080808080))
            break;
    }
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & UINT64_C(0x8080808080808080))
            break;
    }
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

size_t bkp_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *t = (const unsigned char *)s;
    *cp = 0xFFFD;
    if (n == 0)
        return 0;
    unsigned char c = t[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    /* The second byte's range rules out overlong forms (E0, F0), surrogates
     * (ED) and code points past U+10FFFF (F4); later bytes are 80..BF. */
    unsigned char lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    uint32_t v = len == 1 ? c : c & (0x7F >> len);
    for (size_t k = 1; k < len; k++, lo = 0x80, hi = 0xBF) {
        if (t[k] < lo || t[k] > hi)
            return 0;
        v = v << 6 | (t[k] & 0x3F);
    }
    *cp = v;
    return len;
}

size_t bkp_utf8_len(const char *s, size_t n)
{
    uint32_t cp;
    return bkp_utf8_decode(s, n, &cp);
}

size_t bkp_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool bkp_utf8_valid(const char *s, size_t n)
{
    for (size_t i = bkp_ascii_prefix(s, n); i < n;) {
        size_t k = bkp_utf8_len(s + i, n - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}
