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
} BkpArena;

void  bkp_arena_init(BkpArena *a);
void  bkp_arena_free(BkpArena *a);
/* Zeroed, max-aligned memory; aborts the process on out-of-memory. */
void *bkp_arena_alloc(BkpArena *a, size_t n);
char *bkp_arena_strndup(BkpArena *a, const char *s, size_t n);
char *bkp_arena_strdup(BkpArena *a, const char *s);
char *bkp_arena_printf(BkpArena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *bkp_arena_vprintf(BkpArena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#define BKP_NEW(arena, T) ((T *)bkp_arena_alloc((arena), sizeof(T)))
#define BKP_NEWN(arena, T, n) ((T *)bkp_arena_alloc((arena), sizeof(T) * (size_t)(n)))

#endif
