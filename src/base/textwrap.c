/* textwrap.c — see include/bkpc/textwrap.h. */
#include <stdarg.h>
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
