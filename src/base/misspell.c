/* misspell.c — edit distance for "did you mean" (nftables' misspell idea). */
#include "bkpc/misspell.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int bkp_edit_distance(const char *a, const char *b, int max)
{
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > (size_t)max)
        return max + 1;
    if (la > 255 || lb > 255)
        return max + 1;
    /* Three rows of the OSA matrix. */
    int rows[3][257];
    int *pp = rows[0], *p = rows[1], *c = rows[2];
    for (size_t j = 0; j <= lb; j++)
        p[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        c[0] = (int)i;
        int best = c[0];
        for (size_t j = 1; j <= lb; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            int cost = ca != cb;
            int v = p[j - 1] + cost;
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best)
                best = v;
        }
        if (best > max)
            return max + 1;
        int *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[lb] > max ? max + 1 : p[lb];
}

int bkp_misspell_limit(size_t len, int cap)
{
    size_t max = len / 3;
    if (max < 1)
        max = 1;
    return max < (size_t)cap ? (int)max : cap;
}

const char *bkp_closest(const char *word, const char *const *cands, size_t n)
{
    int max = bkp_misspell_limit(strlen(word), 4);
    const char *best = NULL;
    int bestd = max + 1;
    for (size_t i = 0; i < n; i++) {
        int d = bkp_edit_distance(word, cands[i], max);
        if (d < bestd) {
            best = cands[i];
            bestd = d;
        }
    }
    return best;
}
