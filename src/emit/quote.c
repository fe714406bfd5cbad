/* quote.c — user strings in generated scripts (see include/bkpc/quote.h). */
#include "bkpc/quote.h"

#include <string.h>

/* The UTF-8 encodings of U+2018..U+201B (‘ ’ ‚ ‛) are E2 80 98..9B. */
static bool ps_unicode_quote(const unsigned char *s)
{
    return s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9B;
}

void bkp_ps_quote(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    putc('\'', out);
    while (*u) {
        /* the bytes up to the next quote of either kind, at once */
        size_t n = 0;
        while (u[n] && u[n] != '\'' && !(u[n] == 0xE2 && ps_unicode_quote(u + n)))
            n++;
        fwrite(u, 1, n, out);
        u += n;
        if (*u == '\'') {
            fputs("''", out);
            u++;
        } else if (*u) {
            fwrite(u, 1, 3, out);
            fwrite(u, 1, 3, out);
            u += 3;
        }
    }
    putc('\'', out);
}

void bkp_sh_quote(FILE *out, const char *s)
{
    putc('\'', out);
    for (const char *c = s ? s : ""; *c;) {
        size_t n = strcspn(c, "'");
        fwrite(c, 1, n, out);
        c += n;
        if (*c == '\'') {
            fputs("'\\''", out);
            c++;
        }
    }
    putc('\'', out);
}

bool bkp_comment_safe(const char *s)
{
    static const char extra[] = " ._-!+,:/()";
    if (!s || !*s || strlen(s) > 100)
        return false;
    for (const char *c = s; *c; c++) {
        unsigned char u = (unsigned char)*c;
        bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!alnum && !strchr(extra, u))
            return false;
    }
    return true;
}

bool bkp_has_non_ascii(const char *s)
{
    for (const unsigned char *u = (const unsigned char *)(s ? s : ""); *u; u++)
        if (*u >= 0x80)
            return true;
    return false;
}
