/* names.c — Azure's naming rules for the names a file gives to Azure
 * resources (vault, resource groups, VMs, subscription, the snapshot
 * resource group's prefix and suffix), reported as `naming`, and the
 * case-insensitive comparison of names (and the index that uses it). The rules and their sources are in
 * docs/rules/naming.md; policy names are rule A6 (rules.c).
 *
 * The scripts bkpc writes pass these names to the Azure CLI and to
 * PowerShell as data, whatever they hold; the rules make sure that what they
 * pass is a name Azure can have, and in particular never something the
 * Azure CLI reads as a file (`@path`) or an option (`-x`), an empty name,
 * or a control character.
 */
#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>

#include "bkpc/unichar.h"
#include "bkpc/utf8.h"
#include "check_int.h"

typedef struct NameRule {
    const char *what;          /* "vault name" */
    int min, max;              /* length in characters */
    const char *rule;          /* the hint: what Azure accepts */
} NameRule;

/* The characters of a resource group's name. */
#define RG_CHARS "letters, digits, `_`, `-`, `.`, `(` and `)`"
#define AFFIXES "the prefix and the suffix make a resource group name: " RG_CHARS

static const NameRule rules[] = {
    [NAME_VAULT] = {"vault name", 2, 50,
                    "a Recovery Services vault name has 2 to 50 characters: a letter, then "
                    "letters, digits and `-`"},
    [NAME_RESOURCE_GROUP] = {"resource group name", 1, 90,
                             "a resource group name has 1 to 90 characters: " RG_CHARS ", not ending with `.`"},
    [NAME_VM] = {"VM name", 1, 64,
                 "a VM name has 1 to 64 characters, no spaces, no control characters and none of "
                 "\\ / \" [ ] : | < > + = ; , ? * @ & #; it does not start with `_` or end with "
                 "`.` or `-`"},
    [NAME_SUBSCRIPTION] = {"subscription", 1, 64,
                           "a subscription is its id (00000000-0000-0000-0000-000000000000) or a "
                           "name of 1 to 64 characters without control characters"},
    [NAME_RG_PREFIX] = {"snapshot resource-group prefix", 1, 89, AFFIXES},
    [NAME_RG_SUFFIX] = {"snapshot resource-group suffix", 1, 89, AFFIXES ", not ending with `.`"},
};

/* What is wrong with a name: nothing (OK), or a character (at, cp) that may
 * not stand where it stands. */
typedef enum { OK, TOO_SHORT, TOO_LONG, BAD_CHAR, BAD_FIRST, BAD_LAST } Problem;

static bool is_letter_or_digit(uint32_t cp)
{
    int8_t t = u_charType((UChar32)cp);
    return t == U_UPPERCASE_LETTER || t == U_LOWERCASE_LETTER || t == U_TITLECASE_LETTER ||
           t == U_MODIFIER_LETTER || t == U_OTHER_LETTER || t == U_DECIMAL_DIGIT_NUMBER;
}

static bool is_control(uint32_t cp)
{
    int8_t t = u_charType((UChar32)cp);
    return t == U_CONTROL_CHAR || t == U_FORMAT_CHAR || t == U_UNASSIGNED || t == U_SURROGATE;
}

static bool ascii_alnum(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

/* Whether character cp may stand in a name of kind k (first, last: where). */
static bool allowed(NameKind k, uint32_t cp, bool first, bool last)
{
    switch (k) {
    case NAME_VAULT:
        return first ? (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z' : ascii_alnum(cp) || cp == '-';
    case NAME_RESOURCE_GROUP:
    case NAME_RG_PREFIX:
    case NAME_RG_SUFFIX:
        if (last && cp == '.' && k != NAME_RG_PREFIX)
            return false;
        if (first && cp == '-' && k != NAME_RG_SUFFIX)
            return false;
        return is_letter_or_digit(cp) || (cp < 0x80 && strchr("_-.()", (int)cp));
    case NAME_VM:
        if ((first && (cp == '_' || cp == '-')) || (last && (cp == '.' || cp == '-')))
            return false;
        if (cp < 0x80 && strchr("\\/\"[]:|<>+=;,?*@&#", (int)cp))
            return false;
        return !is_control(cp) && !u_isUWhiteSpace((UChar32)cp) && !bkp_pasted_ascii(cp);
    case NAME_SUBSCRIPTION:
        if (first && (cp == '@' || cp == '-'))
            return false;
        if ((first || last) && u_isUWhiteSpace((UChar32)cp))
            return false;
        return !is_control(cp);
    }
    return false;
}

/* The first problem of name s as a name of kind k; *at and *cp: the
 * character at fault (byte offset in s). */
static Problem problem(NameKind k, const char *s, size_t *at, uint32_t *cp)
{
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = bkp_utf8_decode(s + i, n - i, &c);
        if (len == 0) {              /* not UTF-8: reported by the scanner */
            c = 0xFFFD;
            len = 1;
        }
        bool first = i == 0, last = i + len == n;
        if (!allowed(k, c, first, last)) {
            *at = i;
            *cp = c;
            return first && allowed(k, c, false, last) ? BAD_FIRST
                   : last && allowed(k, c, first, false) ? BAD_LAST : BAD_CHAR;
        }
        i += len;
        chars++;
    }
    if (chars < (size_t)rules[k].min)
        return TOO_SHORT;
    return chars > (size_t)rules[k].max ? TOO_LONG : OK;
}

/* A subscription id: 8-4-4-4-12 hexadecimal digits. */
static bool subscription_id(const char *s)
{
    static const char form[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof form - 1)
        return false;
    for (size_t i = 0; form[i]; i++)
        if (form[i] == '-' ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
            return false;
    return true;
}

/* `c` for a message: printable as itself in backquotes, else its name. */
static const char *char_text(Checker *C, uint32_t c)
{
    char name[96];
    if (c >= 0x21 && c < 0x7F && c != '`')
        return bkp_arena_printf(C->A, "`%c`", (char)c);
    if (c == '`')
        return "a backquote";
    if (c == ' ')
        return "a space";
    if (is_control(c))
        return bkp_arena_printf(C->A, "a control character (U+%04X)", (unsigned)c);
    return bkp_arena_strdup(C->A, bkp_char_name(c, name, sizeof name));
}

/* Why a leading `@` or `-` matters: the Azure CLI's reading of them. */
static const char *first_why(uint32_t c)
{
    return c == '@' ? "the Azure CLI reads an argument that starts with `@` as the contents of a file"
         : c == '-' ? "a command line reads an argument that starts with `-` as an option"
                    : NULL;
}

/* name with every pasted character as ASCII (unichar.h). */
static const char *unpasted(Checker *C, const char *s)
{
    size_t n = strlen(s), k = 0;
    char *out = bkp_arena_alloc(C->A, n + 1);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t len = bkp_utf8_decode(s + i, n - i, &c);
        const char *a = len ? bkp_pasted_ascii(c) : NULL;
        if (a) {
            memcpy(out + k, a, strlen(a));
            k += strlen(a);
            i += len;
        } else {
            out[k++] = s[i++];
        }
    }
    out[k] = '\0';
    return out;
}

static void report(Checker *C, const AstName *n, NameKind k, Problem pb, size_t at, uint32_t c)
{
    const NameRule *r = &rules[k];
    const char *v = n->value;
    BkpDiag *g;
    switch (pb) {
    case TOO_SHORT:
        g = *v ? bkp_error(C->D, C->src, "naming", n->span, "the %s `%s` is too short", r->what, v)
               : bkp_error(C->D, C->src, "naming", n->span, "the %s is empty", r->what);
        break;
    case TOO_LONG:
        g = bkp_error(C->D, C->src, "naming", n->span, "the %s `%s` is too long (%d characters at most)",
                      r->what, v, r->max);
        break;
    case BAD_FIRST:
        g = bkp_error(C->D, C->src, "naming", n->span, "the %s `%s` starts with %s", r->what, v,
                      char_text(C, c));
        if (first_why(c))
            bkp_diag_hint(C->D, g, "%s", first_why(c));
        break;
    case BAD_LAST:
        g = bkp_error(C->D, C->src, "naming", n->span, "the %s `%s` ends with %s", r->what, v,
                      char_text(C, c));
        break;
    default:
        g = bkp_error(C->D, C->src, "naming", n->span, "%s is not allowed in a %s: `%s`",
                      char_text(C, c), r->what, v);
        if (at == 0 && first_why(c))
            bkp_diag_hint(C->D, g, "%s", first_why(c));
        break;
    }
    if (pb == BAD_CHAR && bkp_pasted_ascii(c)) {
        const char *fixed = unpasted(C, v);
        size_t at2;
        uint32_t c2;
        if (problem(k, fixed, &at2, &c2) == OK) {
            bkp_diag_hint(C->D, g, "it looks pasted from a document: write `%s`", fixed);
            check_fix_name(C->D, g, C->src, n->span, fixed);
        }
    }
    bkp_diag_hint(C->D, g, "%s", r->rule);
}

bool check_name(Checker *C, const AstName *n, NameKind k)
{
    if (!n->value || (C->file && bkp_ast_marked(C->file, n->span)))
        return true;
    if (k == NAME_SUBSCRIPTION && subscription_id(n->value))
        return true;
    if (k == NAME_SUBSCRIPTION && strstr(n->value, "=@")) {
        BkpDiag *g = bkp_error(C->D, C->src, "naming", n->span, "the subscription `%s` holds `=@`", n->value);
        bkp_diag_hint(C->D, g, "the Azure CLI reads what follows `=@` in an argument as the contents of a file");
        bkp_diag_hint(C->D, g, "%s", rules[k].rule);
        return false;
    }
    size_t at;
    uint32_t c = 0;
    Problem pb = problem(k, n->value, &at, &c);
    if (pb == OK)
        return true;
    report(C, n, k, pb, at, c);
    return false;
}

bool check_snapshot_rg(Checker *C, const AstName *prefix, const AstName *suffix)
{
    /* Empty ones are A10's. */
    bool ok = !prefix->value || !*prefix->value || check_name(C, prefix, NAME_RG_PREFIX);
    ok &= !suffix->value || !*suffix->value || check_name(C, suffix, NAME_RG_SUFFIX);
    size_t len = 0;
    for (const AstName *n = prefix; n; n = n == prefix ? suffix : NULL)
        for (const char *s = n->value ? n->value : ""; *s; s++)
            len += !bkp_utf8_cont((unsigned char)*s);
    if (ok && len > 89) {
        BkpDiag *g = bkp_error(C->D, C->src, "naming", bkp_span_join(prefix->span, suffix->value ? suffix->span : prefix->span),
                               "the snapshot resource group's prefix and suffix are too long "
                               "together (%zu characters)", len);
        bkp_diag_hint(C->D, g, "Azure names the resource group PREFIX, a number, SUFFIX, and a "
                      "resource group name has 90 characters at most: 89 for the prefix and the suffix");
        ok = false;
    }
    return ok;
}

/* ---- case-insensitive names -------------------------------------------------- */

/* The next character of s, case-folded (Unicode simple folding), and its
 * length in bytes (a byte that is not UTF-8 stands for itself). Names are
 * mostly ASCII: an ASCII byte is a character of its own, folded here
 * without decoding (the general path below would decode it to itself and
 * fold it the same way). */
static inline uint32_t next_folded(const char *s, size_t *len)
{
    unsigned char b = (unsigned char)s[0];
    if (b < 0x80) {
        *len = 1;
        return b >= 'A' && b <= 'Z' ? b + 32u : b;
    }
    uint32_t c;
    size_t n = strnlen(s, 4);
    *len = bkp_utf8_decode(s, n, &c);
    if (*len == 0) {
        *len = 1;
        return (unsigned char)s[0] | 0x80000000u;
    }
    return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c + 32 : c) : (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
}

/* The hash of a name as Azure compares it: of the bytes of its characters
 * case-folded (next_folded), each written in UTF-8 (a byte that is not
 * UTF-8 as itself), taken 8 at a time. Names whose folded characters are
 * equal have equal bytes, hence equal hashes; an ASCII name's bytes are its
 * own with upper case lowered, up to 8 at a time without decoding. */
typedef struct FoldHash {
    uint64_t h;
    uint64_t acc;               /* bytes not yet mixed in, the first lowest */
    unsigned nacc;              /* how many: 0 to 7 */
} FoldHash;

#define FOLD_MUL UINT64_C(0x9E3779B97F4A7C15)

/* 8 bytes of s, the first lowest whatever the machine's byte order. */
static inline uint64_t load8(const char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* Adds n bytes (1 to 8, the first lowest in `bytes`, the rest zero). */
static inline void fold_hash_bytes(FoldHash *f, uint64_t bytes, unsigned n)
{
    f->acc |= bytes << 8 * f->nacc;
    if (f->nacc + n < 8) {
        f->nacc += n;
        return;
    }
    f->h = (f->h ^ f->acc) * FOLD_MUL;
    f->acc = f->nacc ? bytes >> 8 * (8 - f->nacc) : 0;     /* the bytes that did not fit */
    f->nacc = f->nacc + n - 8;
}

/* 8 ASCII bytes with the upper-case letters lowered: a byte b < 0x80 plus
 * 0x3F has its top bit set when b >= 'A', plus 0x25 when b > 'Z' (no carry
 * leaves a byte); where the first is set and not the second, 0x20 is added. */
static inline uint64_t ascii_lower8(uint64_t w)
{
    uint64_t upper = (w + 0x3F3F3F3F3F3F3F3Fu) & ~(w + 0x2525252525252525u) & 0x8080808080808080u;
    return w | upper >> 2;
}

size_t name_hash_fold(const char *s)
{
    FoldHash f = {1469598103934665603u, 0, 0};
    size_t n = strlen(s), i = 0;
    while (i < n) {
        /* the next 8 bytes (or the last ones), if ASCII: at once */
        size_t m = n - i < 8 ? n - i : 8;
        uint64_t w = 0;
        if (m == 8)
            w = load8(s + i);
        else
            for (size_t j = 0; j < m; j++)
                w |= (uint64_t)(unsigned char)s[i + j] << 8 * j;
        if (!(w & 0x8080808080808080u)) {
            fold_hash_bytes(&f, ascii_lower8(w), (unsigned)m);
            i += m;
            continue;
        }
        size_t len;
        uint32_t c = next_folded(s + i, &len);
        i += len;
        if (c < 0x80 || c & 0x80000000u) {          /* ASCII, or a byte that is not UTF-8 */
            fold_hash_bytes(&f, c & 0xFF, 1);
            continue;
        }
        char u[4];
        size_t k = bkp_utf8_encode(c, u);
        uint64_t bytes = 0;
        for (size_t j = 0; j < k; j++)
            bytes |= (uint64_t)(unsigned char)u[j] << 8 * j;
        fold_hash_bytes(&f, bytes, (unsigned)k);
    }
    /* The rest, the length of the last bytes, and a final mix in which
     * every bit of the input reaches the low bits the index keeps (a product
     * alone does not: its low bits see only the input's low bits, and names
     * that differ in their last characters would collide; MurmurHash3's
     * finalizer). */
    uint64_t h = f.h ^ f.acc ^ (uint64_t)f.nacc << 60;
    h ^= h >> 33;
    h *= UINT64_C(0xFF51AFD7ED558CCD);
    h ^= h >> 33;
    h *= UINT64_C(0xC4CEB9FE1A85EC53);
    h ^= h >> 33;
    return (size_t)h;
}

bool name_equal_fold(const char *a, const char *b)
{
    size_t la, lb;
    for (; *a && *b; a += la, b += lb)
        if (next_folded(a, &la) != next_folded(b, &lb))
            return false;
    return !*a && !*b;
}

void name_case_hint(Checker *C, BkpDiag *g, const char *first, const char *again)
{
    if (strcmp(first, again) != 0)
        bkp_diag_hint(C->D, g, "Azure does not tell names apart by case: `%s` is `%s`", again, first);
}

void name_index_init(NameIndex *ix, BkpArena *A, size_t n)
{
    ix->cap = 16;
    while (ix->cap < 2 * n)
        ix->cap *= 2;
    ix->key = BKP_NEWN(A, const char *, ix->cap);
    ix->val = BKP_NEWN(A, const void *, ix->cap);
    ix->n = 0;
    ix->A = A;
}

/* The slot of key in ix: its own, or the empty one where it would go. */
static size_t slot_of(const NameIndex *ix, const char *key)
{
    size_t i = name_hash_fold(key) & (ix->cap - 1);
    while (ix->key[i] && !name_equal_fold(ix->key[i], key))
        i = (i + 1) & (ix->cap - 1);
    return i;
}

const void **name_index(NameIndex *ix, const char *key, bool add)
{
    size_t i = slot_of(ix, key);
    if (ix->key[i])
        return &ix->val[i];
    if (!add)
        return NULL;
    if (2 * (ix->n + 1) > ix->cap) {        /* twice the entries: grow */
        NameIndex old = *ix;
        name_index_init(ix, old.A, old.n + 1);
        for (size_t k = 0; k < old.cap; k++)
            if (old.key[k]) {
                size_t j = slot_of(ix, old.key[k]);
                ix->key[j] = old.key[k];
                ix->val[j] = old.val[k];
            }
        ix->n = old.n;
        i = slot_of(ix, key);
    }
    ix->n++;
    ix->key[i] = key;
    return &ix->val[i];
}
