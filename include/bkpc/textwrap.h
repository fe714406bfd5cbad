/* textwrap.h — numbers and sentences in fixed buffers, and text written
 * wrapped: for the renderers of text for people (explain, cost) and the
 * numbers of JSON. */
#ifndef BKPC_TEXTWRAP_H
#define BKPC_TEXTWRAP_H

#include <stddef.h>
#include <stdio.h>

/* Appends printf-style to the string in buf (n bytes), truncating. */
void bkp_catf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A buffer for any bkp_fmt_real. */
#define BKP_REAL_MAX 64
/* v with `decimals` decimals (0 to 9), trailing zeros dropped: 512, 1.5,
 * 0.0448 (never "-0"). */
char *bkp_fmt_real(double v, int decimals, char *buf, size_t n);

/* `s` made safe to print to a terminal, into buf (truncated to n bytes):
 * a C0 or C1 control character or DEL becomes `?`, the rest is copied as
 * it is. For names from a file (a VM's) in text for people. */
char *bkp_printable(const char *s, char *buf, size_t n);

/* Writes `lead` padded to `indent` columns, then the words of `text`
 * wrapped at `width` columns with a hanging indent of `indent`, then a
 * newline. Runs of spaces in text are one. */
void bkp_wrap(FILE *out, const char *lead, int indent, int width, const char *text);

#endif
