/* fuzz.c — what the harnesses share (fuzz.h). */
#include "fuzz.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "bkpc/diag_json.h"
#include "bkpc/diag_sarif.h"
#include "bkpc/diag_text.h"

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz: property failed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

/* ---- output into memory ------------------------------------------------------ */

void fuzz_out_open(FuzzOut *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    FUZZ_CHECK(o->f != NULL, "open_memstream: out of memory");
}

void fuzz_out_close(FuzzOut *o)
{
    FUZZ_CHECK(fclose(o->f) == 0, "a memory stream cannot be closed");
    o->f = NULL;
}

void fuzz_out_free(FuzzOut *o)
{
    if (o->f)
        fclose(o->f);
    free(o->buf);
    memset(o, 0, sizeof *o);
}

size_t fuzz_json_stream(const char *buf, size_t len, const char *what)
{
    size_t off = 0, n = 0;
    for (;;) {
        while (off < len && strchr(" \t\r\n", buf[off]) && buf[off] != '\0')
            off++;
        if (off == len)
            return n;
        json_error_t err;
        json_t *j = json_loadb(buf + off, len - off, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err);
        FUZZ_CHECK(j != NULL, "%s is not JSON at byte %zu: %s\n%.*s", what, off + (size_t)err.position,
                   err.text, (int)(len < 2000 ? len : 2000), buf);
        json_decref(j);
        off += (size_t)err.position;
        n++;
    }
}

/* ---- one compilation --------------------------------------------------------- */

/* std.bkp: standards of templates with requirements; loop.bkp uses the
 * input back (a cycle through two files). */
BkpSource *fuzz_load(void *data, const char *path)
{
    static const struct { const char *name, *text; } files[] = {
        {"std.bkp", "template base {\n    enhanced\n    keep snapshots 7d\n    require snapshots for 5d\n}\n"
                    "template gold from base {\n    every 4h from 08:00 for 24h\n    keep daily 35d\n"
                    "    keep monthly 12m on first sun\n    require daily points for 30d\n"
                    "    require monthly points for 12m\n    require rpo 24h for 30d\n}\n"
                    "policy std-vms from gold { }\n"},
        {"loop.bkp", "use \"fuzz.bkp\"\ntemplate loop { daily at 01:00 }\n"},
    };
    (void)data;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (strcmp(path, files[i].name) == 0)
            return bkp_source_from_string(path, files[i].text, strlen(files[i].text));
    errno = ENOENT;
    return NULL;
}

void fuzz_compile(FuzzUnit *u, const char *name, const void *data, size_t n)
{
    bkp_ctx_init(&u->ctx);
    u->ctx.load = fuzz_load;
    u->src = bkp_source_from_string(name, data, n);
    FUZZ_CHECK(u->src != NULL, "bkp_source_from_string: out of memory");
    u->file = bkp_parse(&u->ctx, u->src);
    u->prog = bkp_compile_ast(&u->ctx, u->file);
    FUZZ_CHECK(!u->prog || (u->ctx.diags.errors == 0 && u->file->syntax_errors == 0),
               "bkp_compile_ast returned a program despite %u errors", u->ctx.diags.errors);
}

void fuzz_unit_free(FuzzUnit *u)
{
    bkp_ctx_free(&u->ctx);
    bkp_source_free(u->src);
    memset(u, 0, sizeof *u);
}

const BkpPolicy *fuzz_policy(const BkpProgram *prog, unsigned pick)
{
    if (!prog || prog->npolicies <= 0)
        return NULL;
    const BkpPolicy *p = prog->policies;
    for (unsigned i = pick % (unsigned)prog->npolicies; i > 0 && p->next; i--)
        p = p->next;
    return p;
}

/* ---- diagnostics --------------------------------------------------------------- */

static void span_inside(const BkpDiag *g, const BkpSource *src, BkpSpan s, const char *what)
{
    size_t len = src ? src->len : 0;
    FUZZ_CHECK(s.off <= s.end && s.end <= len, "%s: the %s span [%u, %u) of a %s diagnostic is outside its "
               "source of %zu bytes", g->msg, what, s.off, s.end, g->rule, len);
}

/* Positions: the line and columns of an offset, and back (an editor's
 * position of a character's first byte is that byte). */
static void positions(BkpSource *src, uint32_t off)
{
    BkpPos p = bkp_source_pos(src, off);
    FUZZ_CHECK(p.line >= 1 && p.col >= 1 && p.col16 >= p.col, "offset %u: line %u col %u col16 %u", off,
               p.line, p.col, p.col16);
    if (off < src->len && ((unsigned char)src->text[off] & 0xC0) != 0x80) {
        uint32_t back = bkp_source_offset16(src, p.line, p.col16);
        FUZZ_CHECK(back == off || (back < off && src->text[back] == '\r'),
                   "offset %u is line %u, UTF-16 column %u, which maps back to %u", off, p.line, p.col16, back);
    }
}

void fuzz_diags(BkpDiags *d, unsigned renderers)
{
    for (const BkpDiag *g = d->head; g; g = g->next) {
        FUZZ_CHECK(g->rule && g->msg, "a diagnostic without a rule or a message");
        span_inside(g, g->src, g->primary.span, "primary");
        for (int i = 0; i < g->nsecondary; i++)
            span_inside(g, bkp_label_src(g, &g->secondary[i]), g->secondary[i].span, "secondary");
        if (g->fix.text)
            span_inside(g, g->src, g->fix.span, "fix");
        if (g->src) {
            positions(g->src, g->primary.span.off);
            positions(g->src, g->primary.span.end);
        }
    }
    FuzzOut o;
    fuzz_out_open(&o);
    bkp_diags_print_color(d, o.f, true);     /* the plain text is the same code */
    fuzz_out_free(&o);
    if (!(renderers & FUZZ_DIAG_JSON))
        return;
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_diags_json(d, o.f) == 0, "bkp_diags_json failed");
    fuzz_out_close(&o);
    FUZZ_CHECK(fuzz_json_stream(o.buf, o.len, "the diagnostics as JSON lines") == d->count,
               "not one JSON line per diagnostic");
    fuzz_out_free(&o);
    if (!(renderers & FUZZ_DIAG_SARIF))
        return;
    BkpSarif *s = bkp_sarif_new();
    FUZZ_CHECK(s != NULL, "bkp_sarif_new: out of memory");
    FUZZ_CHECK(bkp_sarif_add(s, d) == 0, "bkp_sarif_add failed");
    fuzz_out_open(&o);
    FUZZ_CHECK(bkp_sarif_write(s, o.f) == 0, "bkp_sarif_write failed");
    fuzz_out_close(&o);
    FUZZ_CHECK(fuzz_json_stream(o.buf, o.len, "the SARIF log") == 1, "the SARIF log is not one JSON value");
    fuzz_out_free(&o);
    bkp_sarif_free(s);
}

/* ---- parameters ---------------------------------------------------------------- */

/* The value of key=value in the line, as a string of at most n - 1 bytes. */
static void param(const char *line, size_t len, const char *key, char *out, size_t n)
{
    size_t k = strlen(key);
    out[0] = '\0';
    for (size_t i = 0; i + k < len; i++) {
        if ((i == 0 || line[i - 1] == ' ') && memcmp(line + i, key, k) == 0 && line[i + k] == '=') {
            size_t j = i + k + 1, m = 0;
            while (j < len && line[j] != ' ' && m + 1 < n)
                out[m++] = line[j++];
            out[m] = '\0';
            return;
        }
    }
}

void fuzz_params(const uint8_t *data, size_t size, FuzzParams *out)
{
    memset(out, 0, sizeof *out);
    out->n = 10;
    if (size < 2 || data[0] != '#' || data[1] != '@')
        return;
    const char *line = (const char *)data + 2;
    const char *nl = memchr(line, '\n', size - 2);
    size_t len = nl ? (size_t)(nl - line) : size - 2;
    param(line, len, "at", out->at, sizeof out->at);
    param(line, len, "since", out->since, sizeof out->since);
    param(line, len, "from", out->from, sizeof out->from);
    char num[16];
    param(line, len, "n", num, sizeof num);
    if (num[0])
        out->n = strtol(num, NULL, 10);
    param(line, len, "p", num, sizeof num);
    if (num[0])
        out->pick = (unsigned)strtoul(num, NULL, 10);
}

int64_t fuzz_time(BkpTz *tz, const BkpPolicy *p, const char *s, int64_t dflt)
{
    int64_t t;
    return s[0] && bkp_interp_parse_time(tz, p, s, &t) == 0 ? t : dflt;
}
