/* tz.c — time zones, from ICU (see include/bkpc/tz.h).
 *
 * Where the data comes from:
 *   - the Windows ids Azure accepts: the keys of CLDR's windowsZones
 *     "mapTimezones" table, read from ICU's data (ures_openDirect);
 *   - IANA -> Windows: ucal_getWindowsTimeZoneID; Windows -> IANA:
 *     ucal_getTimeZoneIDForWindowsID with territory 001;
 *   - offsets: one UCalendar per zone, opened on its 001 IANA zone.
 *
 * Everything is lazy and cached in the BkpTz: "UTC" never touches ICU, the
 * Windows-id list is read on the first other look-up, a zone's calendar is
 * opened on the first offset query for it, and the IANA id list (only needed
 * for "did you mean") on the first suggestion.
 *
 * Offsets are cached as spans: [from, to) intervals of UTC time, bounded by
 * ICU's time-zone transitions, over which the offset is constant. A query
 * inside a known span costs a binary search; a miss costs one calendar
 * computation and two transition look-ups, and adds a span. A schedule over
 * years therefore asks ICU about twice per zone per year.
 */
#include "bkpc/tz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ures.h>

#include "bkpc/misspell.h"

/* Longest zone id we handle; the longest real ones are ~32 characters. */
#define TZ_ID_MAX 128
/* Ids bkp_tz_resolve remembers (a power of two; far more zones than a
 * file names). */
#define TZ_MEMO 256
/* Spans cached per zone before we stop adding (1900-2300 needs ~800). */
#define TZ_SPANS_MAX 4096
/* The cache of offsets (BkpTz.hot): slots, each for every TZ_HOT-th
 * stretch of 2^TZ_HOT_BITS seconds (48.5 days; 64 of them span 8.5 years). */
#define TZ_HOT 64
#define TZ_HOT_BITS 22
/* Farther than any UTC offset ever used (LMT offsets reach ~15h56m). */
#define TZ_OFFSET_BOUND_MS (36.0 * 3600 * 1000)

static const char utc_windows[] = "UTC";
static const char utc_iana[] = "Etc/UTC";

typedef struct {
    double from, to;          /* UTC ms; [from, to); -/+INFINITY at the ends */
    int32_t raw, dst;         /* ICU's ZONE_OFFSET and DST_OFFSET, in ms */
} TzSpan;

typedef struct {
    bool iana_done;           /* iana[] looked up (may be "" if unmappable) */
    bool cal_failed;          /* ucal_open failed; treat as UTC */
    char iana[TZ_ID_MAX];
    UCalendar *cal;
    TzSpan *spans;            /* sorted by from, disjoint */
    size_t nspans, capspans;
    size_t last;              /* index of the span hit last */
} TzZone;

/* An IANA id of windowsZones (at `off` in the text of the ids) and the first
 * Windows id that lists it (NULL: one bkp does not know); off 0: empty. */
typedef struct {
    uint32_t off;
    const char *win;
} TzMapSlot;

struct BkpTz {
    bool win_loaded;          /* the windowsZones keys were read (maybe none) */
    char **win;               /* Windows ids, sorted by strcmp */
    size_t nwin;
    TzZone *zones;            /* parallel to win */
    size_t last_win;          /* index of the Windows id looked up last */

    bool iana_loaded;
    char **iana;              /* every ICU system zone id with a '/' */
    size_t niana;

    bool map_loaded;          /* the map was read (maybe empty) */
    char *map_text;           /* its IANA ids, each after a NUL */
    TzMapSlot *map;           /* IANA id -> Windows id: open addressing */
    size_t map_cap;           /* a power of two, at least twice the ids; 0: none */

    unsigned long icu_uses;   /* questions asked of ICU; see bkp_tz_icu_uses */

    /* The spans of recent offset questions (bkp_tz_offset,
     * bkp_tz_std_offset), in whole seconds, by the stretch of TZ_HOT_SECS
     * of the instant asked about: an interpreter asks about a few instants
     * that each move slowly (a backup, its expiry, its move to
     * vault-archive), so these answer most questions without the search of
     * a zone's spans. Keyed by tz's own copy of the Windows id (the same
     * pointer: a policy's zone is it, see find_windows); others miss. */
    struct {
        const char *id;       /* NULL: empty */
        int64_t from, to;     /* UTC seconds: [from, to) */
        int offset, std;      /* minutes */
        bool dst;
    } hot[TZ_HOT];

    /* Ids already resolved (a file may name the same zone thousands of
     * times; mapping an IANA id asks ICU): an open-addressing table keyed by
     * a hash of the id, filled until it is full, then no longer. */
    struct { char *id; const char *win; BkpTzKind kind; } memo[TZ_MEMO];
    size_t nmemo;
};

/* --- small helpers ---------------------------------------------------------- */

/* ASCII char string -> UChar string. False if too long or not ASCII (no zone
 * id is), so callers can reject such ids without asking ICU. */
static bool to_uchars(const char *s, UChar *out, size_t cap)
{
    size_t i = 0;
    for (; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || i + 1 >= cap)
            return false;
        out[i] = (UChar)c;
    }
    out[i] = 0;
    return true;
}

/* UChar string of length n -> char string; false if not ASCII or too long. */
static bool from_uchars(const UChar *u, int32_t n, char *out, size_t cap)
{
    if (n < 0 || (size_t)n >= cap)
        return false;
    for (int32_t i = 0; i < n; i++) {
        if (u[i] >= 0x80 || u[i] == 0)
            return false;
        out[i] = (char)u[i];
    }
    out[n] = 0;
    return true;
}

static char *dup_str(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = 0;
    }
    return p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* --- the Windows ids ------------------------------------------------------- */

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Read the keys of windowsZones/mapTimezones once. On any failure the list
 * stays empty: every id but "UTC" is then unknown. */
static void load_windows(BkpTz *tz)
{
    if (tz->win_loaded)
        return;
    tz->win_loaded = true;
    tz->icu_uses++;

    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *rb = ures_openDirect(NULL, "windowsZones", &st);
    UResourceBundle *map = ures_getByKey(rb, "mapTimezones", NULL, &st);
    int32_t n = U_SUCCESS(st) ? ures_getSize(map) : 0;
    char **v = n > 0 ? calloc((size_t)n, sizeof *v) : NULL;
    size_t k = 0;
    UResourceBundle *item = NULL;
    for (int32_t i = 0; v && i < n; i++) {
        UErrorCode ist = U_ZERO_ERROR;
        item = ures_getByIndex(map, i, item, &ist);
        const char *key = U_SUCCESS(ist) ? ures_getKey(item) : NULL;
        if (!key || !*key || strlen(key) >= TZ_ID_MAX)
            continue;
        if (!(v[k] = dup_str(key, strlen(key))))
            break;
        k++;
    }
    ures_close(item);
    ures_close(map);
    ures_close(rb);

    TzZone *zones = k ? calloc(k, sizeof *zones) : NULL;
    if (!zones) {
        free_strings(v, k);
        return;
    }
    qsort(v, k, sizeof *v, cmp_str);
    tz->win = v;
    tz->nwin = k;
    tz->zones = zones;
}

/* Index of a Windows id (exact, case-sensitive), or -1. Loads the list. */
static long find_windows(BkpTz *tz, const char *id)
{
    if (!tz->win_loaded)
        load_windows(tz);
    if (!tz->nwin)
        return -1;
    /* a checked policy's zone is tz's own string (bkp_tz_resolve): the
     * same pointer is the same id, without comparing */
    if (tz->win[tz->last_win] == id || strcmp(tz->win[tz->last_win], id) == 0)
        return (long)tz->last_win;
    char **hit = bsearch(&id, tz->win, tz->nwin, sizeof *tz->win, cmp_str);
    if (!hit)
        return -1;
    tz->last_win = (size_t)(hit - tz->win);
    return (long)tz->last_win;
}

const char *const *bkp_tz_windows_ids(BkpTz *tz, size_t *n)
{
    load_windows(tz);
    *n = tz->nwin;
    return (const char *const *)tz->win;
}

/* --- resolve --------------------------------------------------------------- */

BkpTz *bkp_tz_new(void)
{
    return calloc(1, sizeof(BkpTz));
}

void bkp_tz_free(BkpTz *tz)
{
    if (!tz)
        return;
    for (size_t i = 0; i < tz->nwin; i++) {
        if (tz->zones[i].cal)
            ucal_close(tz->zones[i].cal);
        free(tz->zones[i].spans);
    }
    free(tz->zones);
    free_strings(tz->win, tz->nwin);
    free_strings(tz->iana, tz->niana);
    free(tz->map_text);
    free(tz->map);
    for (size_t i = 0; i < sizeof tz->memo / sizeof tz->memo[0]; i++)
        free(tz->memo[i].id);
    free(tz);
}

unsigned long bkp_tz_icu_uses(const BkpTz *tz)
{
    return tz ? tz->icu_uses : 0;
}

/* --- IANA -> Windows ---------------------------------------------------------
 *
 * ICU's ucal_getWindowsTimeZoneID canonicalizes the id, then reads the whole
 * windowsZones table for it: the first Windows zone (in the table's order)
 * one of whose space-separated lists names the canonical id. The table is
 * read here once instead, the first time an IANA id is resolved, into a
 * sorted array that gives the same answer (test_tz compares the two for
 * every zone ICU knows). */

/* A hash of id[0..len): of its length and its first and last 8 bytes
 * (zone ids differ there: "Eastern Standard Time", "America/Argentina/Salta"). */
static uint64_t id_hash(const char *id, size_t len)
{
    uint64_t head = 0, tail = 0;
    memcpy(&head, id, len < 8 ? len : 8);
    memcpy(&tail, id + (len < 8 ? 0 : len - 8), len < 8 ? len : 8);
    return ((head ^ len) * UINT64_C(0x9E3779B97F4A7C15) ^ tail) * UINT64_C(0xC2B2AE3D27D4EB4F);
}

/* The map's slot for id: its own, or the empty one where it would go. */
static TzMapSlot *map_slot(const BkpTz *tz, const char *id, size_t len)
{
    size_t i = (size_t)(id_hash(id, len) >> 32) & (tz->map_cap - 1);
    while (tz->map[i].off && strcmp(tz->map_text + tz->map[i].off, id) != 0)
        i = (i + 1) & (tz->map_cap - 1);
    return &tz->map[i];
}

/* The ids of the map's lists, in the table's order, each with its Windows id. */
typedef struct {
    char *text;
    size_t len, cap;
    TzMapSlot *ids;
    size_t n, capids;
} MapRead;

/* Adds the ids of one list ("Europe/Berlin Europe/Busingen") for Windows
 * zone `win`; false when out of memory. */
static bool map_add_list(MapRead *r, const UChar *list, int32_t len, const char *win)
{
    for (int32_t i = 0; i < len;) {
        int32_t end = i;
        while (end < len && list[end] != 0x20)
            end++;
        char id[TZ_ID_MAX];
        if (end > i && from_uchars(list + i, end - i, id, sizeof id)) {
            size_t n = (size_t)(end - i);
            if (r->len + n + 1 > r->cap || r->n == r->capids) {
                size_t cap = 2 * r->cap + n + 1, capids = 2 * r->capids + 1;
                char *t = realloc(r->text, cap);
                if (t)
                    r->text = t, r->cap = cap;
                TzMapSlot *v = realloc(r->ids, capids * sizeof *v);
                if (v)
                    r->ids = v, r->capids = capids;
                if (!t || !v)
                    return false;
            }
            memcpy(r->text + r->len, id, n + 1);
            r->ids[r->n++] = (TzMapSlot){(uint32_t)r->len, win};
            r->len += n + 1;
        }
        i = end + 1;
    }
    return true;
}

static void load_map(BkpTz *tz)
{
    if (tz->map_loaded)
        return;
    tz->map_loaded = true;
    load_windows(tz);
    tz->icu_uses++;

    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle *rb = ures_openDirect(NULL, "windowsZones", &st);
    UResourceBundle *map = ures_getByKey(rb, "mapTimezones", NULL, &st);
    int32_t nzones = U_SUCCESS(st) ? ures_getSize(map) : 0;
    /* room for today's table (about 600 ids, 10 KiB) */
    MapRead r = {.cap = 16384, .capids = 1024};
    r.text = malloc(r.cap);
    r.ids = malloc(r.capids * sizeof *r.ids);
    bool ok = r.text && r.ids;
    if (ok)
        r.text[r.len++] = '\0';            /* offset 0 is no id */
    UResourceBundle *zone = NULL;
    for (int32_t i = 0; ok && i < nzones; i++) {
        UErrorCode zst = U_ZERO_ERROR;
        zone = ures_getByIndex(map, i, zone, &zst);
        const char *key = U_SUCCESS(zst) ? ures_getKey(zone) : NULL;
        if (!key)
            continue;
        long w = find_windows(tz, key);
        const char *win = w < 0 ? NULL : tz->win[w];
        int32_t nlists = ures_getSize(zone);
        for (int32_t j = 0; ok && j < nlists; j++) {
            UErrorCode lst = U_ZERO_ERROR;
            int32_t len = 0;
            const UChar *list = ures_getStringByIndex(zone, j, &len, &lst);
            if (U_SUCCESS(lst) && list)
                ok = map_add_list(&r, list, len, win);
        }
    }
    ures_close(zone);
    ures_close(map);
    ures_close(rb);
    size_t cap = 16;
    while (cap < 2 * r.n)
        cap *= 2;
    if (ok && r.n && r.len <= UINT32_MAX && (tz->map = calloc(cap, sizeof *tz->map))) {
        tz->map_text = r.text;
        tz->map_cap = cap;
        /* each id once: with the first Windows zone that lists it */
        for (size_t i = 0; i < r.n; i++) {
            const char *id = r.text + r.ids[i].off;
            TzMapSlot *slot = map_slot(tz, id, strlen(id));
            if (!slot->off)
                *slot = r.ids[i];
        }
        r.text = NULL;
    }
    free(r.text);
    free(r.ids);
}

/* The Windows id (our copy) an IANA id maps to, or NULL: ICU's answer. */
static const char *iana_to_windows_icu(BkpTz *tz, const char *id)
{
    UChar uid[TZ_ID_MAX], ucanon[TZ_ID_MAX];
    char canon[TZ_ID_MAX];
    if (!to_uchars(id, uid, TZ_ID_MAX))
        return NULL;
    load_map(tz);
    if (!tz->map_cap)
        return NULL;
    /* An id of the table is canonical: its answer without asking ICU. */
    const TzMapSlot *m = map_slot(tz, id, strlen(id));
    if (m->off)
        return m->win;
    /* Else its canonical id's; the mapping is only for the ids of the tz
     * database. */
    tz->icu_uses++;
    UErrorCode st = U_ZERO_ERROR;
    UBool system = false;
    int32_t n = ucal_getCanonicalTimeZoneID(uid, -1, ucanon, TZ_ID_MAX, &system, &st);
    if (U_FAILURE(st) || !system || n <= 0 || !from_uchars(ucanon, n, canon, sizeof canon))
        return NULL;
    m = map_slot(tz, canon, strlen(canon));
    return m->off ? m->win : NULL;
}

/* bkp_tz_resolve without the memo, for an id other than "UTC" shorter than
 * TZ_ID_MAX. */
static BkpTzKind resolve(BkpTz *tz, const char *id, const char **windows_id)
{
    if (strchr(id, '/')) {
        /* Only real IANA ids have a '/'; ICU also knows legacy ids without
         * one ("IST", "EST", "PST", "GMT", "Japan"...), which we refuse: they
         * are ambiguous (ICU maps "EST" to "SA Pacific Standard Time"). ICU's
         * id look-up is case-sensitive, as we want. */
        const char *w = iana_to_windows_icu(tz, id);
        if (!w)
            return BKP_TZ_UNKNOWN;
        *windows_id = w;
        return BKP_TZ_IANA;
    }
    long i = find_windows(tz, id);
    if (i < 0)
        return BKP_TZ_UNKNOWN;
    *windows_id = tz->win[i];
    return BKP_TZ_WINDOWS;
}

BkpTzKind bkp_tz_resolve(BkpTz *tz, const char *id, const char **windows_id)
{
    const char *dummy;
    if (!windows_id)
        windows_id = &dummy;
    *windows_id = NULL;
    if (!tz || !id)
        return BKP_TZ_UNKNOWN;
    /* The default zone: no ICU at all. */
    if (strcmp(id, utc_windows) == 0) {
        *windows_id = utc_windows;
        return BKP_TZ_WINDOWS;
    }
    size_t len = strlen(id);
    if (len >= TZ_ID_MAX)
        return BKP_TZ_UNKNOWN;
    size_t k = (size_t)(id_hash(id, len) >> 56) & (TZ_MEMO - 1);
    for (; tz->memo[k].id; k = (k + 1) & (TZ_MEMO - 1))
        if (strcmp(tz->memo[k].id, id) == 0) {
            *windows_id = tz->memo[k].win;
            return tz->memo[k].kind;
        }
    BkpTzKind kind = resolve(tz, id, windows_id);
    /* k is free; one slot stays free, so that probes end */
    if (tz->nmemo + 1 < TZ_MEMO && (tz->memo[k].id = dup_str(id, len))) {
        tz->memo[k].win = *windows_id;
        tz->memo[k].kind = kind;
        tz->nmemo++;
    }
    return kind;
}

/* --- suggestions ----------------------------------------------------------- */

/* Every ICU system zone id containing a '/' (aliases included, so that
 * "Asia/Kolkata" is there beside the canonical "Asia/Calcutta"), sorted. */
static void load_iana(BkpTz *tz)
{
    if (tz->iana_loaded)
        return;
    tz->iana_loaded = true;
    tz->icu_uses++;

    UErrorCode st = U_ZERO_ERROR;
    UEnumeration *e = ucal_openTimeZones(&st);
    int32_t n = U_SUCCESS(st) ? uenum_count(e, &st) : 0;
    char **v = (U_SUCCESS(st) && n > 0) ? calloc((size_t)n, sizeof *v) : NULL;
    size_t k = 0;
    const char *s;
    int32_t len;
    while (v && k < (size_t)n && U_SUCCESS(st) && (s = uenum_next(e, &len, &st))) {
        if (!strchr(s, '/') || (size_t)len >= TZ_ID_MAX)
            continue;
        if (!(v[k] = dup_str(s, (size_t)len)))
            break;
        k++;
    }
    uenum_close(e);
    if (!k) {
        free(v);
        return;
    }
    qsort(v, k, sizeof *v, cmp_str);
    tz->iana = v;
    tz->niana = k;
}

typedef struct {
    const char *id;
    int dist;
    size_t order;             /* Windows ids first, then IANA (order >= nwin), each sorted */
} TzCand;

static int cmp_cand(const void *a, const void *b)
{
    const TzCand *x = a, *y = b;
    if (x->dist != y->dist)
        return x->dist < y->dist ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

int bkp_tz_suggest(BkpTz *tz, const char *id, const char **out, int max)
{
    if (!tz || !id || !out || max <= 0)
        return 0;
    size_t len = strlen(id);
    if (len == 0 || len >= TZ_ID_MAX)
        return 0;
    /* "Plausibly close", allowing more edits than words get (zone ids are
     * long). bkp_edit_distance ignores case, so a case-only difference is 0
     * and ranks first. */
    int limit = bkp_misspell_limit(len, 6);

    load_windows(tz);
    load_iana(tz);
    size_t total = tz->nwin + tz->niana;
    if (!total)
        return 0;
    TzCand *c = malloc(total * sizeof *c);
    if (!c)
        return 0;
    size_t nc = 0;
    for (size_t i = 0; i < total; i++) {
        const char *s = i >= tz->nwin ? tz->iana[i - tz->nwin] : tz->win[i];
        int d = bkp_edit_distance(id, s, limit);
        if (d <= limit)
            c[nc++] = (TzCand){ .id = s, .dist = d, .order = i };
    }
    qsort(c, nc, sizeof *c, cmp_cand);
    int n = 0, best = -1;
    for (size_t i = 0; i < nc && n < max; i++) {
        /* Suggest only what bkp_tz_resolve accepts: an IANA id must map to a
         * Windows id (ICU's "Antarctica/Troll", "SystemV/..." do not). */
        if (c[i].order >= tz->nwin && bkp_tz_resolve(tz, c[i].id, NULL) != BKP_TZ_IANA)
            continue;
        /* Nor anything much worse than the best: "india standard time"
         * should not also offer "Cuba Standard Time" (distance 4). */
        if (best < 0)
            best = c[i].dist;
        else if (c[i].dist > best + 2)
            break;
        out[n++] = c[i].id;
    }
    free(c);
    return n;
}

/* --- zones: IANA id, calendar, offset spans ---------------------------------- */

static TzZone *zone_for(BkpTz *tz, const char *windows_id)
{
    long i = find_windows(tz, windows_id);
    return i < 0 ? NULL : &tz->zones[i];
}

static const char *zone_iana(BkpTz *tz, TzZone *z, const char *windows_id)
{
    if (!z->iana_done) {
        z->iana_done = true;
        tz->icu_uses++;
        UChar uwin[TZ_ID_MAX], uid[TZ_ID_MAX];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = 0;
        if (to_uchars(windows_id, uwin, TZ_ID_MAX))
            n = ucal_getTimeZoneIDForWindowsID(uwin, -1, NULL, uid, TZ_ID_MAX, &st);
        if (U_FAILURE(st) || n <= 0 || !from_uchars(uid, n, z->iana, sizeof z->iana))
            z->iana[0] = 0;
    }
    return z->iana[0] ? z->iana : NULL;
}

const char *bkp_tz_iana(BkpTz *tz, const char *windows_id)
{
    if (!tz || !windows_id)
        return NULL;
    if (strcmp(windows_id, utc_windows) == 0)
        return utc_iana;
    TzZone *z = zone_for(tz, windows_id);
    return z ? zone_iana(tz, z, windows_id) : NULL;
}

/* The zone's calendar, opened on first use; NULL if it cannot be. */
static UCalendar *zone_cal(BkpTz *tz, TzZone *z, const char *windows_id)
{
    if (z->cal || z->cal_failed)
        return z->cal;
    const char *iana = zone_iana(tz, z, windows_id);
    UChar uid[TZ_ID_MAX];
    if (!iana || !to_uchars(iana, uid, TZ_ID_MAX)) {
        z->cal_failed = true;
        return NULL;
    }
    tz->icu_uses++;
    UErrorCode st = U_ZERO_ERROR;
    z->cal = ucal_open(uid, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) {
        if (z->cal)
            ucal_close(z->cal);
        z->cal = NULL;
        z->cal_failed = true;
    }
    return z->cal;
}

/* Index of the last span with from <= t (n if none, i.e. before all). */
static size_t span_floor(const TzZone *z, double t)
{
    size_t lo = 0, hi = z->nspans;   /* answer in [lo-1, hi) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (z->spans[mid].from <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == 0 ? z->nspans : lo - 1;
}

/* Cache s if it does not overlap what is there (it never should). */
static void span_add(TzZone *z, const TzSpan *s)
{
    if (z->nspans >= TZ_SPANS_MAX)
        return;
    size_t f = span_floor(z, s->from);
    size_t at = f == z->nspans ? 0 : f + 1;
    if (at > 0 && z->spans[at - 1].to > s->from)
        return;
    if (at < z->nspans && s->to > z->spans[at].from)
        return;
    if (z->nspans == z->capspans) {
        size_t cap = z->capspans ? z->capspans * 2 : 16;
        TzSpan *p = realloc(z->spans, cap * sizeof *p);
        if (!p)
            return;
        z->spans = p;
        z->capspans = cap;
    }
    memmove(z->spans + at + 1, z->spans + at, (z->nspans - at) * sizeof *z->spans);
    z->spans[at] = *s;
    z->nspans++;
    z->last = at;
}

/* The span of constant offset containing UTC ms t. False (and a zero offset)
 * if the zone has no usable calendar. */
static bool zone_span(BkpTz *tz, TzZone *z, const char *windows_id, double t, TzSpan *out)
{
    if (z->nspans) {
        const TzSpan *s = &z->spans[z->last];
        if (s->from <= t && t < s->to) {
            *out = *s;
            return true;
        }
        size_t i = span_floor(z, t);
        if (i < z->nspans && t < z->spans[i].to) {
            z->last = i;
            *out = z->spans[i];
            return true;
        }
    }
    UCalendar *cal = zone_cal(tz, z, windows_id);
    *out = (TzSpan){ .from = -INFINITY, .to = INFINITY, .raw = 0, .dst = 0 };
    if (!cal)
        return false;
    tz->icu_uses++;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(cal, t, &st);
    int32_t raw = ucal_get(cal, UCAL_ZONE_OFFSET, &st);
    int32_t dst = ucal_get(cal, UCAL_DST_OFFSET, &st);
    if (U_FAILURE(st))
        return false;
    UDate prev, next;
    UErrorCode pst = U_ZERO_ERROR, nst = U_ZERO_ERROR;
    bool has_prev = ucal_getTimeZoneTransitionDate(cal, UCAL_TZ_TRANSITION_PREVIOUS_INCLUSIVE,
                                                   &prev, &pst) && U_SUCCESS(pst);
    bool has_next = ucal_getTimeZoneTransitionDate(cal, UCAL_TZ_TRANSITION_NEXT, &next, &nst) &&
                    U_SUCCESS(nst);
    out->raw = raw;
    out->dst = dst;
    /* A transition on the wrong side of t (never seen) only shortens the
     * span to what we know: [t, t + 1 ms) at the least. */
    out->from = !has_prev ? -INFINITY : prev <= t ? prev : t;
    out->to = !has_next ? INFINITY : next > t ? next : t + 1;
    span_add(z, out);
    return true;
}

/* Offset (raw + dst, ms) at UTC ms t; dst ms in *dst. 0 for unknown zones. */
static int32_t offset_ms(BkpTz *tz, const char *windows_id, double t, int32_t *raw, int32_t *dst)
{
    *raw = *dst = 0;
    if (!tz || !windows_id || (windows_id[0] == 'U' && strcmp(windows_id, utc_windows) == 0))
        return 0;
    TzZone *z = zone_for(tz, windows_id);
    TzSpan s;
    if (!z || !zone_span(tz, z, windows_id, t, &s))
        return 0;
    *raw = s.raw;
    *dst = s.dst;
    return s.raw + s.dst;
}

/* Whether an instant's offset is cached in tz->hot: beyond, seconds and
 * milliseconds (doubles) might round differently. */
#define TZ_HOT_BOUND 1000000000000LL   /* about 31,000 years */

/* Fills tz->hot[i] with the span of zone windows_id that holds UTC second
 * t and returns i; -1 when there is no span to keep (UTC, an unknown zone,
 * a copy of the id): ask offset_ms. Out of line: the search and ICU stay
 * out of the way of the usual case, a hit. */
static __attribute__((noinline)) int hot_fill(BkpTz *tz, const char *windows_id, int64_t t, int i)
{
    if (windows_id[0] == 'U' && strcmp(windows_id, utc_windows) == 0)
        return -1;
    long k = find_windows(tz, windows_id);
    TzSpan s;
    if (k < 0 || tz->win[k] != windows_id || !zone_span(tz, &tz->zones[k], windows_id, (double)t * 1000.0, &s))
        return -1;
    tz->hot[i].id = tz->win[k];
    tz->hot[i].from = isinf(s.from) ? INT64_MIN : (int64_t)ceil(s.from / 1000.0);
    tz->hot[i].to = isinf(s.to) ? INT64_MAX : (int64_t)ceil(s.to / 1000.0);
    tz->hot[i].offset = (int)bkp_floor_div(s.raw + s.dst, 60000);
    tz->hot[i].std = (int)bkp_floor_div(s.raw, 60000);
    tz->hot[i].dst = s.dst != 0;
    return i;
}

/* The entry of tz->hot that holds UTC second t of zone windows_id: the one
 * of t's stretch, filled unless it holds t already; -1 (t out of bounds, or
 * see hot_fill): ask offset_ms. */
static inline int hot_span(BkpTz *tz, const char *windows_id, int64_t t)
{
    if (!tz || !windows_id || t <= -TZ_HOT_BOUND || t >= TZ_HOT_BOUND)
        return -1;
    int i = (int)((uint64_t)t >> TZ_HOT_BITS & (TZ_HOT - 1));
    if (tz->hot[i].id == windows_id && tz->hot[i].from <= t && t < tz->hot[i].to)
        return i;
    return hot_fill(tz, windows_id, t, i);
}

int bkp_tz_offset(BkpTz *tz, const char *windows_id, int64_t utc, bool *dst)
{
    int h = hot_span(tz, windows_id, utc);
    if (h >= 0) {
        if (dst)
            *dst = tz->hot[h].dst;
        return tz->hot[h].offset;
    }
    int32_t raw, d;
    int32_t off = offset_ms(tz, windows_id, (double)utc * 1000.0, &raw, &d);
    if (dst)
        *dst = d != 0;
    return (int)bkp_floor_div(off, 60000);
}

int bkp_tz_std_offset(BkpTz *tz, const char *windows_id, int64_t utc)
{
    int h = hot_span(tz, windows_id, utc);
    if (h >= 0)
        return tz->hot[h].std;
    int32_t raw, d;
    offset_ms(tz, windows_id, (double)utc * 1000.0, &raw, &d);
    return (int)bkp_floor_div(raw, 60000);
}

/* Local wall time -> UTC. A UTC instant u is a solution if u + offset(u) ==
 * local. Every solution lies within TZ_OFFSET_BOUND_MS of `local`, so we walk
 * the spans covering [local - bound, local + bound] and test each one's
 * offset. Several solutions (an overlap, e.g. 01:30 on the day DST ends):
 * the earliest. None (a gap, e.g. 02:30 on the day DST starts): the offset in
 * force before the gap, so the result is the instant the clocks read
 * `local` + the gap's length (02:30 PST = 10:30Z = 03:30 PDT). This is the
 * same as ICU's UCAL_TZ_LOCAL_FORMER for both cases, and as what cron-like
 * schedulers (and Windows) do with a skipped time: run it late, not never. */
int64_t bkp_tz_local_to_utc(BkpTz *tz, const char *windows_id, int64_t days, int minute)
{
    int64_t local = days * 86400 + (int64_t)minute * 60;
    if (!tz || !windows_id || strcmp(windows_id, utc_windows) == 0)
        return local;
    TzZone *z = zone_for(tz, windows_id);
    if (!z)
        return local;
    double lms = (double)local * 1000.0;
    double t = lms - TZ_OFFSET_BOUND_MS, end = lms + TZ_OFFSET_BOUND_MS;
    bool have_prev = false;
    int32_t prev_off = 0;
    for (int guard = 0; guard < 64; guard++) {
        TzSpan s;
        if (!zone_span(tz, z, windows_id, t, &s))
            return local;
        int32_t off = s.raw + s.dst;
        double u = lms - off;
        if (s.from <= u && u < s.to)
            return local - bkp_floor_div(off, 1000);   /* the earliest solution */
        /* u < s.from: local is before this span's clocks start; if it was
         * also after the previous span's clocks stopped, local is in the gap
         * between them: use the previous span's offset. */
        if (u < s.from && have_prev)
            return local - bkp_floor_div(prev_off, 1000);
        have_prev = true;
        prev_off = off;
        if (s.to >= end || isinf(s.to))
            break;
        t = s.to;
    }
    /* Unreachable with real data; fall back to the last offset seen. */
    return local - bkp_floor_div(prev_off, 1000);
}

int bkp_tz_changes(BkpTz *tz, const char *windows_id, int64_t from, int64_t to, BkpTzChange **out)
{
    *out = NULL;
    if (!tz || !windows_id || strcmp(windows_id, utc_windows) == 0)
        return 0;
    TzZone *z = zone_for(tz, windows_id);
    UCalendar *cal = z ? zone_cal(tz, z, windows_id) : NULL;
    if (!cal)
        return 0;
    size_t n = 0, cap = 0;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(cal, (double)from * 1000.0, &st);
    for (int guard = 0; guard < 1000000 && U_SUCCESS(st); guard++) {
        UDate next;
        UErrorCode nst = U_ZERO_ERROR;
        tz->icu_uses++;
        if (!ucal_getTimeZoneTransitionDate(cal, UCAL_TZ_TRANSITION_NEXT, &next, &nst) || U_FAILURE(nst) ||
            next >= (double)to * 1000.0)
            break;
        ucal_setMillis(cal, next, &st);
        int32_t raw = ucal_get(cal, UCAL_ZONE_OFFSET, &st), dst = ucal_get(cal, UCAL_DST_OFFSET, &st);
        if (U_FAILURE(st))
            break;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            BkpTzChange *v = realloc(*out, cap * sizeof *v);
            if (!v) {
                free(*out);
                *out = NULL;
                return -1;
            }
            *out = v;
        }
        (*out)[n++] = (BkpTzChange){(int64_t)floor(next / 1000.0), (int)bkp_floor_div(raw + dst, 60000),
                                    (int)bkp_floor_div(raw, 60000)};
    }
    return (int)n;
}
