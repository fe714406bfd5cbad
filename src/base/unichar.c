/* unichar.c — character names and pasted characters (see
 * include/bkpc/unichar.h). */
#include "bkpc/unichar.h"

#include <stdio.h>
#include <unicode/uchar.h>

/* The characters a word processor substitutes for ASCII ones ("smart
 * quotes", dashes), and the special and invisible spaces documents carry. */
static const struct {
    uint32_t cp;
    const char *ascii;
} pasted[] = {
    {0x00A0, " "},  {0x00AB, "\""}, {0x00AD, ""},   {0x00BB, "\""},
    {0x2000, " "},  {0x2001, " "},  {0x2002, " "},  {0x2003, " "},  {0x2004, " "},
    {0x2005, " "},  {0x2006, " "},  {0x2007, " "},  {0x2008, " "},  {0x2009, " "},
    {0x200A, " "},  {0x200B, ""},
    {0x2010, "-"},  {0x2011, "-"},  {0x2012, "-"},  {0x2013, "-"},  {0x2014, "-"},  {0x2015, "-"},
    {0x2018, "\""}, {0x2019, "\""}, {0x201A, "\""}, {0x201B, "\""},
    {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""},
    {0x202F, " "},  {0x205F, " "},  {0x2060, ""},   {0x2212, "-"},  {0x3000, " "},  {0xFEFF, ""},
};

const char *bkp_pasted_ascii(uint32_t cp)
{
    size_t lo = 0, hi = sizeof pasted / sizeof pasted[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pasted[mid].cp == cp)
            return pasted[mid].ascii;
        if (pasted[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *bkp_char_name(uint32_t cp, char *buf, size_t n)
{
    char name[128];
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, (int32_t)sizeof name, &err);
    if (U_FAILURE(err) || len <= 0 || len >= (int32_t)sizeof name) {
        /* Control characters have no name, only an alias ("NULL", "ESCAPE") */
        err = U_ZERO_ERROR;
        len = u_charName((UChar32)cp, U_CHAR_NAME_ALIAS, name, (int32_t)sizeof name, &err);
    }
    if (U_FAILURE(err) || len <= 0 || len >= (int32_t)sizeof name)
        snprintf(buf, n, "U+%04X", (unsigned)cp);
    else
        snprintf(buf, n, "U+%04X %s", (unsigned)cp, name);
    return buf;
}
