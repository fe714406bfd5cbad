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
    size_t used, cap;          /* (the head's used is the arena's cur) */
    /* Bytes [dirty_lo, dirty_hi) were handed out before a release and not
     * yet cleared (dirty_lo >= used; empty when equal); every other free
     * byte is zero. They are cleared as they are handed out again. */
    size_t dirty_lo, dirty_hi;
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
    a->cur = a->end = NULL;
}

/* The head block's `used` from the arena's cursor. */
static void sync_head(BkpArena *a)
{
    if (a->head)
        a->head->used = (size_t)(a->cur - (char *)a->head->data);
}

/* The cursor over the head's free bytes that are zero: up to its dirty
 * bytes, or its end. */
static void set_cursor(BkpArena *a)
{
    BkpArenaBlock *b = a->head;
    if (!b) {
        a->cur = a->end = NULL;
        return;
    }
    char *data = (char *)b->data;
    a->cur = data + b->used;
    a->end = data + (b->dirty_lo < b->dirty_hi ? b->dirty_lo : b->cap);
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
    a->cur = a->end = NULL;
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
    BkpArenaMark m = {a->head, a->head ? a->head->next : NULL,
                      a->head ? (size_t)(a->cur - (char *)a->head->data) : 0};
    return m;
}

/* Bytes [from, to) of b are given back: dirty, up to what was already. */
static void give_back(BkpArenaBlock *b, size_t from, size_t to)
{
    if (b->dirty_lo < b->dirty_hi && b->dirty_hi > to)
        to = b->dirty_hi;
    b->dirty_lo = from;
    b->dirty_hi = to;
    b->used = from;
}

/* The blocks made since the mark are freed, but for the newest: it stays,
 * emptied, in front of the marked one, so that a loop of mark, allocate,
 * release keeps its block and does not go back to the allocator each time.
 * The bytes given back are marked dirty, and cleared when handed out again
 * (bkp_arena_alloc): the arena's memory is zero when handed out, as fresh
 * blocks are. */
void bkp_arena_release(BkpArena *a, BkpArenaMark m)
{
    sync_head(a);
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
        give_back(m.block, m.used, m.block->used);
    }
    if (keep) {
        give_back(keep, 0, keep->used);
        keep->next = m.block;
        a->head = keep;
    } else {
        a->head = m.block;
    }
    set_cursor(a);
}

/* Dirty bytes are cleared a kilobyte or so at a time as the cursor reaches
 * them (memset's vector stores; a policy takes about two). */
enum { CLEAR_STEP = 1024 };

void *bkp_arena_alloc_slow(BkpArena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    sync_head(a);
    BkpArenaBlock *b = a->head;
    if (b && b->cap - b->used >= n) {
        /* room in the head, but dirty bytes within the n at the cursor:
         * cleared, and up to a kilobyte more for the next requests */
        if (b->dirty_lo < b->dirty_hi && b->dirty_lo < b->used + n) {
            size_t to = b->used + n > b->dirty_lo + CLEAR_STEP ? b->used + n : b->dirty_lo + CLEAR_STEP;
            if (to > b->dirty_hi)
                to = b->dirty_hi;
            memset((char *)b->data + b->dirty_lo, 0, to - b->dirty_lo);
            b->dirty_lo = to;
        }
    } else {
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
        if (a->head && alone) {
            /* A large request gets its own block behind the current one, so
             * the space left in the current block is not wasted. */
            b->next = a->head->next;
            a->head->next = b;
            b->used = n;
            return b->data;
        }
        b->next = a->head;
        a->head = b;
    }
    set_cursor(a);
    void *p = a->cur;
    a->cur += n;
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
