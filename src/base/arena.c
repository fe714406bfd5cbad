/* arena.c — bump allocator; see include/bkpc/arena.h. */
#include "bkpc/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct BkpArenaBlock {
    BkpArenaBlock *next;
    size_t used, cap;
    max_align_t data[];
};

enum { BLOCK_MIN = 64 * 1024 };

void bkp_arena_init(BkpArena *a)
{
    a->head = NULL;
}

void bkp_arena_free(BkpArena *a)
{
    BkpArenaBlock *b = a->head;
    while (b) {
        BkpArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

void *bkp_arena_alloc(BkpArena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    BkpArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > BLOCK_MIN / 2 ? n : BLOCK_MIN;
        b = malloc(sizeof(*b) + cap);
        if (!b) {
            fputs("bkpc: out of memory\n", stderr);
            abort();
        }
        b->used = 0;
        b->cap = cap;
        if (a->head && n > BLOCK_MIN / 2) {
            /* A large request gets its own block behind the current one, so
             * the space left in the current block is not wasted. */
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *bkp_arena_strndup(BkpArena *a, const char *s, size_t n)
{
    char *p = bkp_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bkp_arena_strdup(BkpArena *a, const char *s)
{
    return bkp_arena_strndup(a, s, strlen(s));
}

char *bkp_arena_vprintf(BkpArena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = bkp_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *bkp_arena_printf(BkpArena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = bkp_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
