/* misspell.h — "did you mean": the nearest candidate by edit distance. */
#ifndef BKPC_MISSPELL_H
#define BKPC_MISSPELL_H

#include <stddef.h>

/* Optimal-string-alignment distance (a swap of two neighbours costs 1),
 * ASCII case-insensitive. Returns max+1 as soon as the distance exceeds max. */
int bkp_edit_distance(const char *a, const char *b, int max);

/* How far (in edits) a word of `len` characters may be from a candidate to
 * be a plausible typo of it: about a third of the word, at least 1, at most
 * `cap`. */
int bkp_misspell_limit(size_t len, int cap);

/* The candidate nearest to `word`, if it is near enough to be a plausible
 * typo (bkp_misspell_limit, at most 4); NULL otherwise. Ties go to the
 * earlier candidate. */
const char *bkp_closest(const char *word, const char *const *cands, size_t n);

#endif
