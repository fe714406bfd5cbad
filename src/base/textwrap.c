/* textwrap.c — see include/bkpc/textwrap.h. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bkpc/textwrap.h"

void bkp_catf(char *buf, size_t n, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= n)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, n - len, fmt, ap);
    va_end(ap);
}

char *bkp_fmt_real(double v, int decimals, char *buf, size_t n)
{
    int len = snprintf(buf, n, "%.*f", decimals < 0 ? 0 : decimals > 9 ? 9 : decimals, v);
    if (len <= 0 || (size_t)len >= n)
        return buf;
    if (strchr(buf, '.')) {
        while (buf[len - 1] == '0')
            buf[--len] = 0;
        if (buf[len - 1] == '.')
            buf[--len] = 0;
    }
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
    return buf;
}

char *bkp_printable(const char *s, char *buf, size_t n)
{
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && k + 1 < n) {
        bool c1 = p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F;   /* U+0080..U+009F */
        if (*p < 0x20 || *p == 0x7F || c1) {
            buf[k++] = '?';
            p += c1 ? 2 : 1;
        } else {
            buf[k++] = (char)*p++;
        }
    }
    if (n)
        buf[k] = 0;
    return buf;
}

void bkp_wrap(FILE *out, const char *lead, int indent, int width, const char *text)
{
    int col = fprintf(out, "%-*s", indent, lead);
    for (const char *w = text; *w;) {
        const char *sp = strchr(w, ' ');
        int wl = sp ? (int)(sp - w) : (int)strlen(w);
        if (col > indent && col + 1 + wl > width)
            col = fprintf(out, "\n%-*s", indent, "") - 1;
        else if (col > indent)
            col += fprintf(out, " ");
        col += fprintf(out, "%.*s", wl, w);
        w += wl;
        while (*w == ' ')
            w++;
    }
    fputc('\n', out);
}
