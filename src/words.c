/* words.c — weekdays, months and weeks of the month, as users write them. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "bkpc/check.h"
#include "bkpc/misspell.h"

typedef struct Word { const char *s; int v; } Word;

static const Word weekdays[] = {
    {"sun", 0}, {"sunday", 0}, {"mon", 1}, {"monday", 1}, {"tue", 2}, {"tues", 2},
    {"tuesday", 2}, {"wed", 3}, {"wednesday", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4},
    {"thursday", 4}, {"fri", 5}, {"friday", 5}, {"sat", 6}, {"saturday", 6},
};
static const Word months[] = {
    {"jan", 0}, {"january", 0}, {"feb", 1}, {"february", 1}, {"mar", 2}, {"march", 2},
    {"apr", 3}, {"april", 3}, {"may", 4}, {"jun", 5}, {"june", 5}, {"jul", 6}, {"july", 6},
    {"aug", 7}, {"august", 7}, {"sep", 8}, {"sept", 8}, {"september", 8}, {"oct", 9},
    {"october", 9}, {"nov", 10}, {"november", 10}, {"dec", 11}, {"december", 11},
};
static const Word weeks[] = {
    {"first", 0}, {"second", 1}, {"third", 2}, {"fourth", 3}, {"last", 4},
};

static int lookup(const Word *tab, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(s, tab[i].s) == 0)
            return tab[i].v;
    return -1;
}

static const char *suggest(const Word *tab, size_t n, const char *s)
{
    const char *cands[32];
    for (size_t i = 0; i < n && i < 32; i++)
        cands[i] = tab[i].s;
    return bkp_closest(s, cands, n < 32 ? n : 32);
}

#define N(t) (sizeof(t) / sizeof((t)[0]))

int bkp_word_weekday(const char *s) { return lookup(weekdays, N(weekdays), s); }
int bkp_word_month(const char *s) { return lookup(months, N(months), s); }
int bkp_word_week(const char *s) { return lookup(weeks, N(weeks), s); }
const char *bkp_word_suggest_weekday(const char *s) { return suggest(weekdays, N(weekdays), s); }
const char *bkp_word_suggest_month(const char *s) { return suggest(months, N(months), s); }
const char *bkp_word_suggest_week(const char *s) { return suggest(weeks, N(weeks), s); }
