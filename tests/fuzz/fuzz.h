/* fuzz.h — what the libFuzzer harnesses of tests/fuzz/ share.
 *
 * Each harness (fuzz_NAME.c) defines LLVMFuzzerTestOneInput and calls the
 * library directly, one BkpCtx (one arena) per input, freed before it
 * returns: libFuzzer's leak detection sees every allocation of one input.
 * A property that does not hold calls fuzz_fail(), which prints why and
 * aborts, so libFuzzer saves the input as a crash.
 */
#ifndef BKPC_FUZZ_H
#define BKPC_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bkpc/compile.h"
#include "bkpc/interp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property does not hold: the message on standard error, then abort(). */
_Noreturn void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define FUZZ_CHECK(cond, ...) ((cond) ? (void)0 : fuzz_fail(__VA_ARGS__))

/* ---- output into memory ------------------------------------------------------ */

/* A FILE whose bytes are kept (open_memstream): what a renderer wrote. */
typedef struct FuzzOut {
    FILE *f;
    char *buf;
    size_t len;
} FuzzOut;

void fuzz_out_open(FuzzOut *o);
/* Closes f: buf then holds the len bytes written, NUL-terminated. */
void fuzz_out_close(FuzzOut *o);
void fuzz_out_free(FuzzOut *o);

/* How many JSON values buf[0..len) holds, one after the other (JSON lines,
 * or `bkpc build --all`); fails unless all of it is JSON, UTF-8 included.
 * `what` names it in the message. */
size_t fuzz_json_stream(const char *buf, size_t len, const char *what);

/* ---- one compilation --------------------------------------------------------- */

typedef struct FuzzUnit {
    BkpCtx ctx;
    BkpSource *src;
    AstFile *file;
    BkpProgram *prog;           /* NULL: errors */
} FuzzUnit;

/* The loader (BkpCtx.load) of the harnesses: the files an input may `use`
 * are std.bkp (templates with requirements) and loop.bkp (it uses
 * fuzz.bkp), served from memory; no other file is there. */
BkpSource *fuzz_load(void *data, const char *path);

/* bkp_parse + bkp_compile_ast of data[0..n) as file `name`, through
 * fuzz_load. */
void fuzz_compile(FuzzUnit *u, const char *name, const void *data, size_t n);
void fuzz_unit_free(FuzzUnit *u);

/* Every diagnostic of d: its spans and fix inside its source, its
 * positions consistent (bkp_source_pos, bkp_source_offset16), and d
 * rendered as text (colored); with FUZZ_DIAG_JSON as JSON lines too, which
 * must be JSON, one line per diagnostic; with FUZZ_DIAG_SARIF as a SARIF
 * log, which must be one JSON value. The JSON renderers cost several
 * times the rest of an input (each diagnostic carries its rule's page, a
 * SARIF log the whole rule reference, and both are read back), so a
 * harness asks for them on a fixed share of its inputs: fuzz_renderers(). */
enum { FUZZ_DIAG_JSON = 1u << 0, FUZZ_DIAG_SARIF = 1u << 1 };
void fuzz_diags(BkpDiags *d, unsigned renderers);
/* The renderers for an input of `size` bytes: JSON lines for one input in
 * 4, SARIF for one in 64 (by size: the same input always gets the same). */
static inline unsigned fuzz_renderers(size_t size)
{
    return (size % 4 == 0 ? FUZZ_DIAG_JSON : 0u) | (size % 64 == 0 ? FUZZ_DIAG_SARIF : 0u);
}

/* The policy of prog an input picks: the `pick`-th, wrapping around. */
const BkpPolicy *fuzz_policy(const BkpProgram *prog, unsigned pick);

/* ---- parameters ---------------------------------------------------------------- */

/* An input may start with a line of parameters, a comment to the language:
 *
 *     #@ at=2026-03-08T02:30Z since=2025-01-01 from=2026-01-01 n=20 p=1
 *
 * at/since/from: TIMEs as the command line takes them (bkpc explain --at,
 * simulate --since, next --from), read by bkp_interp_parse_time in the
 * policy's zone; n: how many backups `next` lists; p: which policy. Any
 * other text is ignored. */
enum { FUZZ_TIME_MAX = 40 };
typedef struct FuzzParams {
    char at[FUZZ_TIME_MAX], since[FUZZ_TIME_MAX], from[FUZZ_TIME_MAX];   /* "": not given */
    long n;
    unsigned pick;
} FuzzParams;

void fuzz_params(const uint8_t *data, size_t size, FuzzParams *out);

/* A TIME of the parameters in p's zone; `dflt` when it is not given or
 * does not parse. */
int64_t fuzz_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t dflt);

/* The instant used when an input gives none: 2026-03-08T00:00Z (a date
 * near a DST change in America), so every run of an input is the same. */
#define FUZZ_DEFAULT_AT INT64_C(1772928000)

#endif
