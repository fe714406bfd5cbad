/* fuzz_diff.c — `bkpc diff` (diff.h) on pairs of files.
 *
 * An input is OLD, a line `%%`, then NEW (no such line: NEW is OLD). Each
 * side is JSON (what `bkpc import` reads) or .bkp, told apart as the
 * command line does (bkp_import_is_json); the first line of OLD may give
 * `at`, the moment of the change (fuzz.h), read in the zone of OLD's first
 * policy; else FUZZ_DEFAULT_AT.
 *
 * Properties, when both sides check: the diff renders as text and as JSON
 * (which must be JSON); a side compared with itself has no difference;
 * comparing NEW with OLD finds as many changed policies as OLD with NEW,
 * added and removed swapped. */
#include <string.h>

#include "bkpc/diff.h"
#include "bkpc/import.h"
#include "fuzz.h"

typedef struct Side {
    BkpSource *src, *text;
    BkpImport im;
    BkpProgram *prog;
} Side;

/* One side, read as the command line reads it. */
static void load(BkpCtx *ctx, Side *s, const char *name, const uint8_t *data, size_t n)
{
    memset(s, 0, sizeof *s);
    bkp_import_init(&s->im, ctx, FUZZ_DEFAULT_AT);
    s->src = bkp_source_from_string(name, (const char *)data, n);
    FUZZ_CHECK(s->src != NULL, "out of memory");
    if (!bkp_import_is_json(s->src))
        s->prog = bkp_compile(ctx, s->src);
    else if (bkp_import_read(&s->im, s->src) >= 0)
        s->prog = bkp_import_check(&s->im, name, &s->text);
}

static void unload(Side *s)
{
    bkp_import_free(&s->im);
    bkp_source_free(s->text);
    bkp_source_free(s->src);
}

static int count(const BkpDiff *d, BkpChangeKind k)
{
    int n = 0;
    for (int i = 0; i < d->n; i++)
        n += d->changes[i].kind == k;
    return n;
}

static void compare(BkpTz *tz, const BkpProgram *a, const BkpProgram *b, int64_t at, BkpDiff *d)
{
    FUZZ_CHECK(bkp_diff(tz, a, b, at, BKP_DIFF_ALL, d) == 0, "bkp_diff: out of memory");
    (void)bkp_diff_loses(d);
}

static void render(BkpTz *tz, const BkpDiff *d)
{
    FuzzOut o;
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_diff_text(tz, d, o.f) == 0, "bkp_diff_text failed");
    fuzz_out_free(&o);
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_diff_json(tz, d, o.f) == 0, "bkp_diff_json failed");
    fuzz_out_close(&o);
    FUZZ_CHECK(fuzz_json_stream(o.buf, o.len, "the diff as JSON") == 1, "the diff is not one JSON value");
    fuzz_out_free(&o);
}

static void diffs(BkpTz *tz, const BkpProgram *old, const BkpProgram *new, const char *at_text)
{
    BkpPolicy utc = {.timezone = "UTC"};
    int64_t at = fuzz_time(tz, old->policies ? old->policies : &utc, at_text, FUZZ_DEFAULT_AT);
    BkpDiff d, back, self;
    compare(tz, old, new, at, &d);
    render(tz, &d);
    compare(tz, new, old, at, &back);
    FUZZ_CHECK(d.n == back.n && count(&d, BKP_CHANGE_ADDED) == count(&back, BKP_CHANGE_REMOVED) &&
               count(&d, BKP_CHANGE_REMOVED) == count(&back, BKP_CHANGE_ADDED),
               "OLD -> NEW has %d changes, NEW -> OLD %d (or added and removed do not swap)", d.n, back.n);
    compare(tz, old, old, at, &self);
    FUZZ_CHECK(self.n == 0, "OLD compared with itself has %d changes", self.n);
    bkp_diff_free(&d);
    bkp_diff_free(&back);
    bkp_diff_free(&self);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzParams par;
    fuzz_params(data, size, &par);
    size_t cut = size, next = size;
    for (size_t i = 0; i + 3 <= size; i++)
        if ((i == 0 || data[i - 1] == '\n') && memcmp(data + i, "%%", 2) == 0 && data[i + 2] == '\n') {
            cut = i;
            next = i + 3;
            break;
        }
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    ctx.load = fuzz_load;
    Side old, new;
    load(&ctx, &old, "old", data, cut);
    if (cut < size)
        load(&ctx, &new, "new", data + next, size - next);
    else
        load(&ctx, &new, "new", data, size);
    BkpTz *tz = old.prog && new.prog ? bkp_ctx_tz(&ctx) : NULL;
    if (tz)
        diffs(tz, old.prog, new.prog, par.at);
    fuzz_diags(&ctx.diags, 0);
    bkp_ctx_free(&ctx);
    unload(&old);
    unload(&new);
    return 0;
}
