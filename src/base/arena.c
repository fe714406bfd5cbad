/* arena.c — bump allocator; see include/bkpc/arena.h. */
#define _DEFAULT_SOURCE 1          /* MADV_HUGEPAGE (Linux) */
#include "bkpc/arena.h"

#include <sys/mman.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct BkpArenaBlock {
    BkpArenaBlock *next;
    size_t used, cap;
    size_t dirty;              /* bytes [used, dirty) were handed out before a release:
                                  cleared when handed out again */
    bool mapped;               /* a HUGE block of its own mapping */
    max_align_t data[];
};

/* Blocks grow from 64 KiB to 2 MiB, doubling: a one-policy compilation
 * takes one small block, a large file few large ones. Blocks come from
 * calloc (or are fresh mappings, below) and the arena never hands out the
 * same bytes twice, so what it returns is zero without a memset. */
enum { BLOCK_MIN = 64 * 1024, BLOCK_MAX = 2 * 1024 * 1024 };
/* A full-size block is a mapping of its own, 2 MiB long and aligned, that
 * the kernel may back with one huge page: a large file's arena then costs
 * one page fault per 2 MiB rather than 512 (fresh mappings are zero too). */
#define HUGE ((size_t)2 * 1024 * 1024)

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

static BkpArenaBlock *huge_block(void)
{
#ifdef ARENA_ASAN
    return NULL;                /* AddressSanitizer watches calloc'd blocks, not mappings */
#endif
    char *m = mmap(NULL, 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    char *a = (char *)(((uintptr_t)m + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    if (a > m)
        munmap(m, (size_t)(a - m));
    munmap(a + HUGE, (size_t)(m + 2 * HUGE - (a + HUGE)));
#ifdef MADV_HUGEPAGE
    madvise(a, HUGE, MADV_HUGEPAGE);
#endif
    BkpArenaBlock *b = (BkpArenaBlock *)a;
    b->mapped = true;
    b->cap = HUGE - sizeof *b;
    return b;
}

void bkp_arena_init(BkpArena *a)
{
    a->head = NULL;
}

static void block_free(BkpArenaBlock *b)
{
    if (b->mapped)
        munmap(b, HUGE);
    else
        free(b);
}

void bkp_arena_free(BkpArena *a)
{
    BkpArenaBlock *b = a->head;
    while (b) {
        BkpArenaBlock *next = b->next;
        block_free(b);
        b = next;
    }
    a->head = NULL;
}

size_t bkp_arena_held(const BkpArena *a)
{
    size_t n = 0;
    for (const BkpArenaBlock *b = a->head; b; b = b->next)
        n += sizeof *b + b->cap;
    return n;
}

BkpArenaMark bkp_arena_mark(const BkpArena *a)
{
    BkpArenaMark m = {a->head, a->head ? a->head->next : NULL, a->head ? a->head->used : 0};
    return m;
}

/* The blocks made since the mark are freed, but for the newest: it stays,
 * emptied, in front of the marked one, so that a loop of mark, allocate,
 * release keeps its block and does not go back to the allocator each time.
 * The bytes given back are marked dirty, and cleared when handed out again
 * (bkp_arena_alloc): the arena's memory is zero when handed out, as fresh
 * blocks are. */
void bkp_arena_release(BkpArena *a, BkpArenaMark m)
{
    BkpArenaBlock *keep = NULL;
    BkpArenaBlock *b = a->head;
    while (b && b != m.block) {
        BkpArenaBlock *next = b->next;
        if (!keep)
            keep = b;
        else
            block_free(b);
        b = next;
    }
    if (m.block) {
        /* large requests' blocks put behind the marked head since */
        for (BkpArenaBlock *c = m.block->next; c && c != m.behind;) {
            BkpArenaBlock *next = c->next;
            block_free(c);
            c = next;
        }
        m.block->next = m.behind;
        if (m.block->used > m.block->dirty)
            m.block->dirty = m.block->used;
        m.block->used = m.used;
    }
    if (keep) {
        if (keep->used > keep->dirty)
            keep->dirty = keep->used;
        keep->used = 0;
        keep->next = m.block;
        a->head = keep;
    } else {
        a->head = m.block;
    }
}

void *bkp_arena_alloc(BkpArena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    BkpArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t next = !b ? BLOCK_MIN : b->cap >= BLOCK_MAX / 2 ? BLOCK_MAX : b->cap * 2;
        bool alone = n > next / 2;
        size_t cap = alone ? n : next;
        b = !alone && cap == BLOCK_MAX ? huge_block() : NULL;
        if (!b) {
            b = calloc(1, sizeof(*b) + cap);
            if (b)
                b->cap = cap;
        }
        if (!b) {
            fputs("bkpc: out of memory\n", stderr);
            abort();
        }
        b->used = 0;
        if (a->head && alone) {
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
    if (b->used < b->dirty)                 /* given back before: clear it */
        memset(p, 0, n < b->dirty - b->used ? n : b->dirty - b->used);
    b->used += n;
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
