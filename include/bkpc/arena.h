/* arena.h — one bump allocator per compilation.
 *
 * Every AST node, string and checked-policy object of one compilation lives
 * in one arena and is freed with it (PostgreSQL's memory-context idea): error
 * recovery cannot leak, and nothing is freed node by node.
 */
#ifndef BKPC_ARENA_H
#define BKPC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct BkpArenaBlock BkpArenaBlock;

typedef struct BkpArena {
    BkpArenaBlock *head;   /* newest block first */
    char *cur, *end;       /* the head's free bytes that are zero (the fast path) */
} BkpArena;

/* A point in an arena's life (bkp_arena_mark): what it had handed out then. */
typedef struct BkpArenaMark {
    BkpArenaBlock *block;  /* the head block then (NULL: none) */
    BkpArenaBlock *behind; /* the block after it then (large requests go behind the head) */
    size_t used;           /* how much of it was used */
} BkpArenaMark;

void  bkp_arena_init(BkpArena *a);
void  bkp_arena_free(BkpArena *a);
/* Zeroed, max-aligned memory; aborts the process on out-of-memory. Inline:
 * a bump of the cursor, most of the time; bkp_arena_alloc_slow otherwise. */
void *bkp_arena_alloc_slow(BkpArena *a, size_t n);
static inline void *bkp_arena_alloc(BkpArena *a, size_t n)
{
    const size_t align = _Alignof(max_align_t);
    size_t m = (n + align - 1) & ~(align - 1);
    if (m - 1 < (size_t)(a->end - a->cur)) {       /* (n 0, or too large: the slow path) */
        void *p = a->cur;
        a->cur += m;
        return p;
    }
    return bkp_arena_alloc_slow(a, n);
}
char *bkp_arena_strndup(BkpArena *a, const char *s, size_t n);
char *bkp_arena_strdup(BkpArena *a, const char *s);
char *bkp_arena_printf(BkpArena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *bkp_arena_vprintf(BkpArena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Everything allocated since `m` is given back (bkp_arena_release): the
 * memory of one policy, checked as soon as its block closes, is used again
 * for the next one. Nothing allocated after m may be used again, and m must
 * be the latest mark still in use. What the arena hands out afterwards is
 * zero again, as always. */
BkpArenaMark bkp_arena_mark(const BkpArena *a);
void bkp_arena_release(BkpArena *a, BkpArenaMark m);
/* The bytes the arena holds from the system (its blocks' sizes). */
size_t bkp_arena_held(const BkpArena *a);

#define BKP_NEW(arena, T) ((T *)bkp_arena_alloc((arena), sizeof(T)))
#define BKP_NEWN(arena, T, n) ((T *)bkp_arena_alloc((arena), sizeof(T) * (size_t)(n)))

#endif
