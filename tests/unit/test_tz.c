/* test_tz.c — unit tests of the time-zone module (include/bkpc/tz.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/tz.h"

#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>

static int setup(void **state)
{
    *state = bkp_tz_new();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    bkp_tz_free(*state);
    return 0;
}

/* Seconds since the epoch of a UTC civil date and time. */
static int64_t utc_at(int y, int m, int d, int hh, int mm)
{
    return bkp_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static void expect_kind(BkpTz *tz, const char *id, BkpTzKind kind, const char *win)
{
    const char *w = "not set";
    BkpTzKind k = bkp_tz_resolve(tz, id, &w);
    if (k != kind)
        fail_msg("resolve(\"%s\") = %d, want %d", id, (int)k, (int)kind);
    if (win) {
        assert_non_null(w);
        assert_string_equal(w, win);
    } else {
        assert_null(w);
    }
}

/* --- resolve ----------------------------------------------------------------- */

static void resolve_windows(void **state)
{
    BkpTz *tz = *state;
    expect_kind(tz, "India Standard Time", BKP_TZ_WINDOWS, "India Standard Time");
    expect_kind(tz, "UTC", BKP_TZ_WINDOWS, "UTC");
    expect_kind(tz, "W. Europe Standard Time", BKP_TZ_WINDOWS, "W. Europe Standard Time");
    expect_kind(tz, "Pacific Standard Time", BKP_TZ_WINDOWS, "Pacific Standard Time");
    expect_kind(tz, "AUS Eastern Standard Time", BKP_TZ_WINDOWS, "AUS Eastern Standard Time");
    expect_kind(tz, "UTC+12", BKP_TZ_WINDOWS, "UTC+12");
    /* The Windows id handed back is tz's storage, not the caller's string. */
    char buf[] = "India Standard Time";
    const char *w = NULL;
    assert_int_equal(bkp_tz_resolve(tz, buf, &w), BKP_TZ_WINDOWS);
    assert_ptr_not_equal(w, buf);
    memset(buf, 'x', sizeof buf - 1);
    assert_string_equal(w, "India Standard Time");
}

static void resolve_iana(void **state)
{
    BkpTz *tz = *state;
    expect_kind(tz, "Asia/Kolkata", BKP_TZ_IANA, "India Standard Time");
    expect_kind(tz, "Asia/Calcutta", BKP_TZ_IANA, "India Standard Time");
    expect_kind(tz, "Europe/Berlin", BKP_TZ_IANA, "W. Europe Standard Time");
    expect_kind(tz, "Etc/UTC", BKP_TZ_IANA, "UTC");
    expect_kind(tz, "America/Argentina/Buenos_Aires", BKP_TZ_IANA, "Argentina Standard Time");
    expect_kind(tz, "America/Los_Angeles", BKP_TZ_IANA, "Pacific Standard Time");
    expect_kind(tz, "America/Vancouver", BKP_TZ_IANA, "Pacific Standard Time");
}

static void resolve_unknown(void **state)
{
    BkpTz *tz = *state;
    expect_kind(tz, "", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "Mars/Olympus_Mons", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "Pacific Standard Time ", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "Pacific Standard Tim", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "Europe/Z\xc3\xbcrich", BKP_TZ_UNKNOWN, NULL);
    /* In ICU, but with no Windows zone. */
    expect_kind(tz, "Antarctica/Troll", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "SystemV/PST8", BKP_TZ_UNKNOWN, NULL);
    assert_int_equal(bkp_tz_resolve(tz, NULL, NULL), BKP_TZ_UNKNOWN);
}

static void resolve_wrong_case(void **state)
{
    BkpTz *tz = *state;
    expect_kind(tz, "india standard time", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "INDIA STANDARD TIME", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "utc", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "asia/kolkata", BKP_TZ_UNKNOWN, NULL);
    expect_kind(tz, "ASIA/KOLKATA", BKP_TZ_UNKNOWN, NULL);
}

static void resolve_abbreviations(void **state)
{
    BkpTz *tz = *state;
    /* ICU knows all of these as legacy ids (and maps "EST" to
     * "SA Pacific Standard Time"); we do not accept them. */
    static const char *const abbr[] = { "IST", "EST", "PST", "CST", "GMT", "JST", "EST5EDT",
                                        "PST8PDT", "Japan", "Zulu", "UCT" };
    for (size_t i = 0; i < sizeof abbr / sizeof *abbr; i++)
        expect_kind(tz, abbr[i], BKP_TZ_UNKNOWN, NULL);
}

/* --- the "UTC" fast path ------------------------------------------------------- */

static void utc_without_icu(void **state)
{
    BkpTz *tz = *state;   /* fresh: setup runs per test */
    const char *w = NULL;
    bool dst = true;
    assert_int_equal(bkp_tz_icu_uses(tz), 0);
    assert_int_equal(bkp_tz_resolve(tz, "UTC", &w), BKP_TZ_WINDOWS);
    assert_string_equal(w, "UTC");
    assert_string_equal(bkp_tz_iana(tz, w), "Etc/UTC");
    assert_int_equal(bkp_tz_offset(tz, w, utc_at(2026, 7, 1, 12, 0), &dst), 0);
    assert_false(dst);
    assert_int_equal(bkp_tz_std_offset(tz, w, utc_at(2026, 7, 1, 12, 0)), 0);
    assert_int_equal(bkp_tz_local_to_utc(tz, w, 20468, 90), 20468 * 86400 + 90 * 60);
    assert_int_equal(bkp_tz_icu_uses(tz), 0);

    /* The counter does count: any other zone goes to ICU... */
    assert_int_equal(bkp_tz_resolve(tz, "India Standard Time", &w), BKP_TZ_WINDOWS);
    unsigned long after_first = bkp_tz_icu_uses(tz);
    assert_true(after_first > 0);
    /* ...once: the Windows-id list is cached in tz. */
    assert_int_equal(bkp_tz_resolve(tz, "W. Europe Standard Time", &w), BKP_TZ_WINDOWS);
    assert_int_equal(bkp_tz_resolve(tz, "India Standard Time", &w), BKP_TZ_WINDOWS);
    assert_int_equal(bkp_tz_icu_uses(tz), after_first);
}

/* The offsets of recent questions, kept by the second (asked with tz's own
 * id, as a checked policy asks), are those asked afresh with a copy of the
 * id: at each change of the clocks, a second before it and after it, and
 * over four centuries in an order that jumps back and forth. */
static void offsets_kept_agree(void **state)
{
    BkpTz *tz = *state;
    BkpTz *fresh = bkp_tz_new();
    assert_non_null(fresh);
    static const char *const zones[] = {"W. Europe Standard Time", "Pacific Standard Time", "Lord Howe Standard Time",
                                        "Samoa Standard Time", "India Standard Time", "Morocco Standard Time"};
    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        const char *id;
        assert_int_equal(bkp_tz_resolve(tz, zones[z], &id), BKP_TZ_WINDOWS);
        char copy[64];
        strcpy(copy, zones[z]);
        BkpTzChange *ch;
        int n = bkp_tz_changes(fresh, copy, utc_at(1900, 1, 1, 0, 0), utc_at(2300, 1, 1, 0, 0), &ch);
        assert_true(n >= 0);
        int64_t spread = utc_at(2300, 1, 1, 0, 0) - utc_at(1900, 1, 1, 0, 0);
        for (int i = 0; i < n + 4000; i++) {
            int64_t ts[3];
            if (i < n) {
                ts[0] = ch[i].at - 1, ts[1] = ch[i].at, ts[2] = ch[i].at + 1;
            } else {
                int64_t k = i - n;
                ts[0] = utc_at(1900, 1, 1, 0, 0) + (k * 7919 % 4000) * (spread / 4000) + k * 37;
                ts[1] = ts[0] + (int64_t)86400 * 365 * 99;
                ts[2] = ts[0] - (int64_t)86400 * 17;
            }
            for (int j = 0; j < 3; j++) {
                bool d1, d2;
                int o1 = bkp_tz_offset(tz, id, ts[j], &d1), o2 = bkp_tz_offset(fresh, copy, ts[j], &d2);
                if (o1 != o2 || d1 != d2 || bkp_tz_std_offset(tz, id, ts[j]) != bkp_tz_std_offset(fresh, copy, ts[j]))
                    fail_msg("%s at %lld: %d (dst %d), afresh %d (dst %d)", zones[z], (long long)ts[j], o1, d1, o2, d2);
            }
        }
        free(ch);
    }
    bkp_tz_free(fresh);
}

static void offsets_are_cached(void **state)
{
    BkpTz *tz = *state;
    int64_t t = utc_at(2026, 1, 15, 0, 0);
    assert_int_equal(bkp_tz_offset(tz, "Pacific Standard Time", t, NULL), -480);
    unsigned long uses = bkp_tz_icu_uses(tz);
    /* Every hour until DST starts: the same span, no new ICU look-up. */
    for (int h = 0; h < 24 * 40; h++)
        assert_int_equal(bkp_tz_offset(tz, "Pacific Standard Time", t + h * 3600, NULL), -480);
    assert_int_equal(bkp_tz_icu_uses(tz), uses);
}

/* --- suggestions ----------------------------------------------------------------- */

static void expect_first_suggestion(BkpTz *tz, const char *id, const char *want)
{
    const char *out[5] = { 0 };
    int n = bkp_tz_suggest(tz, id, out, 5);
    if (n < 1 || n > 5)
        fail_msg("suggest(\"%s\") returned %d", id, n);
    assert_string_equal(out[0], want);
    /* Only ids that resolve are suggested. */
    for (int i = 0; i < n; i++) {
        const char *w;
        if (bkp_tz_resolve(tz, out[i], &w) == BKP_TZ_UNKNOWN)
            fail_msg("suggest(\"%s\") offered \"%s\", which does not resolve", id, out[i]);
    }
}

static void suggest_examples(void **state)
{
    BkpTz *tz = *state;
    expect_first_suggestion(tz, "india standard time", "India Standard Time");
    expect_first_suggestion(tz, "Asia/Kolkatta", "Asia/Kolkata");
    expect_first_suggestion(tz, "Pacific Standard Tim", "Pacific Standard Time");
    expect_first_suggestion(tz, "W Europe Standard Time", "W. Europe Standard Time");
    expect_first_suggestion(tz, "Europe/Berln", "Europe/Berlin");
    expect_first_suggestion(tz, "asia/kolkata", "Asia/Kolkata");
}

static void suggest_limits(void **state)
{
    BkpTz *tz = *state;
    const char *out[8] = { 0 };
    assert_int_equal(bkp_tz_suggest(tz, "nothing like a time zone at all", out, 8), 0);
    assert_int_equal(bkp_tz_suggest(tz, "Qqqqqqq", out, 8), 0);
    assert_int_equal(bkp_tz_suggest(tz, "India Standard Time", out, 0), 0);
    int n;
    /* At most 6 edits, however long the word: 7 here. */
    assert_int_equal(bkp_tz_suggest(tz, "Pacific Standard Time plus07", out, 8), 0);
    assert_int_equal(bkp_tz_suggest(tz, "Pacific Standard Time plus6", out, 8), 1);
    assert_string_equal(out[0], "Pacific Standard Time");
    /* ICU's "Antarctica/Troll" maps to no Windows zone: never offered. */
    n = bkp_tz_suggest(tz, "Antarctica/Trol", out, 8);
    for (int i = 0; i < n; i++)
        assert_string_not_equal(out[i], "Antarctica/Troll");
    /* Abbreviations are too short to be near anything. */
    memset(out, 0, sizeof out);
    assert_int_equal(bkp_tz_suggest(tz, "IST", out, 8), 0);
    assert_null(out[0]);
    /* Nothing much worse than the best: "Bahia Standard Time" (3 edits from
     * "india standard time") is not offered beside the exact match. */
    assert_int_equal(bkp_tz_suggest(tz, "india standard time", out, 8), 1);
    assert_string_equal(out[0], "India Standard Time");
    /* Best first, and max bounds the answer: "Europe/Kiev" is itself an id
     * (0 edits); "Europe/Kyiv" and "Europe/Kirov" are 2 away. */
    n = bkp_tz_suggest(tz, "Europe/Kiev", out, 8);
    assert_int_equal(n, 3);
    assert_string_equal(out[0], "Europe/Kiev");
    /* Equally near: in a stable (alphabetical) order. */
    assert_string_equal(out[1], "Europe/Kirov");
    assert_string_equal(out[2], "Europe/Kyiv");
    memset(out, 0, sizeof out);
    assert_int_equal(bkp_tz_suggest(tz, "Europe/Kiev", out, 2), 2);
    assert_string_equal(out[0], "Europe/Kiev");
    assert_null(out[2]);
}

/* --- IANA mapping ------------------------------------------------------------------ */

static void iana_mapping(void **state)
{
    BkpTz *tz = *state;
    assert_string_equal(bkp_tz_iana(tz, "India Standard Time"), "Asia/Calcutta");
    assert_string_equal(bkp_tz_iana(tz, "UTC"), "Etc/UTC");
    assert_string_equal(bkp_tz_iana(tz, "Pacific Standard Time"), "America/Los_Angeles");
    assert_string_equal(bkp_tz_iana(tz, "W. Europe Standard Time"), "Europe/Berlin");
    assert_string_equal(bkp_tz_iana(tz, "Argentina Standard Time"), "America/Buenos_Aires");
    assert_null(bkp_tz_iana(tz, "india standard time"));
    assert_null(bkp_tz_iana(tz, "Asia/Kolkata"));
    assert_null(bkp_tz_iana(tz, "Nowhere Standard Time"));
}

/* bkp_tz_resolve maps IANA ids with windowsZones read once (tz.c); ICU's
 * own answer reads it per id. The two agree on every zone ICU knows, and on
 * ids that are no zone. */
static void iana_as_icu_maps_it(void **state)
{
    BkpTz *tz = *state;
    UErrorCode st = U_ZERO_ERROR;
    UEnumeration *e = ucal_openTimeZones(&st);
    assert_true(U_SUCCESS(st));
    const char *id;
    int32_t len;
    int mapped = 0, ids = 0;
    while ((id = uenum_next(e, &len, &st)) != NULL) {
        if (!strchr(id, '/'))
            continue;
        /* ICU's answer, when bkp knows the Windows id */
        UChar uid[128], uwin[128];
        char want[128] = "";
        u_charsToUChars(id, uid, len + 1);
        UErrorCode wst = U_ZERO_ERROR;
        int32_t n = ucal_getWindowsTimeZoneID(uid, -1, uwin, 128, &wst);
        if (U_SUCCESS(wst) && n > 0 && n < 128)
            u_UCharsToChars(uwin, want, n + 1);
        size_t nwin;
        const char *const *wins = bkp_tz_windows_ids(tz, &nwin);
        bool known = false;
        for (size_t i = 0; i < nwin; i++)
            known |= strcmp(wins[i], want) == 0;
        const char *got = NULL;
        BkpTzKind kind = bkp_tz_resolve(tz, id, &got);
        if (known) {
            assert_int_equal(kind, BKP_TZ_IANA);
            if (strcmp(got, want) != 0)
                fail_msg("%s: %s, ICU says %s", id, got, want);
            mapped++;
        } else if (kind != BKP_TZ_UNKNOWN) {
            fail_msg("%s: %s, ICU says none", id, got);
        }
        ids++;
    }
    uenum_close(e);
    assert_true(ids > 400 && mapped > 300);
    static const char *const none[] = {"Asia/Nowhere", "europe/berlin", "Europe/Berlin ", "Etc/Unknown"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_int_equal(bkp_tz_resolve(tz, none[i], NULL), BKP_TZ_UNKNOWN);
}

/* --- offsets ------------------------------------------------------------------------ */

static void offset_india(void **state)
{
    BkpTz *tz = *state;
    bool dst = true;
    assert_int_equal(bkp_tz_offset(tz, "India Standard Time", utc_at(2026, 1, 15, 12, 0), &dst), 330);
    assert_false(dst);
    dst = true;
    assert_int_equal(bkp_tz_offset(tz, "India Standard Time", utc_at(2026, 7, 15, 12, 0), &dst), 330);
    assert_false(dst);
    assert_int_equal(bkp_tz_std_offset(tz, "India Standard Time", utc_at(2026, 7, 15, 12, 0)), 330);
}

static void offset_pacific(void **state)
{
    BkpTz *tz = *state;
    const char *pst = "Pacific Standard Time";
    bool dst = true;
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 1, 15, 12, 0), &dst), -480);
    assert_false(dst);
    assert_int_equal(bkp_tz_std_offset(tz, pst, utc_at(2026, 1, 15, 12, 0)), -480);
    dst = false;
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 7, 15, 12, 0), &dst), -420);
    assert_true(dst);
    assert_int_equal(bkp_tz_std_offset(tz, pst, utc_at(2026, 7, 15, 12, 0)), -480);
    /* Back to January after July: the span cache must not mix them up. */
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 1, 16, 12, 0), &dst), -480);
    assert_false(dst);
    /* DST 2026 starts 2026-03-08 10:00Z and ends 2026-11-01 09:00Z. */
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 3, 8, 10, 0) - 1, NULL), -480);
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 3, 8, 10, 0), NULL), -420);
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 11, 1, 9, 0) - 1, NULL), -420);
    assert_int_equal(bkp_tz_offset(tz, pst, utc_at(2026, 11, 1, 9, 0), NULL), -480);
}

static void offset_w_europe_transition(void **state)
{
    BkpTz *tz = *state;
    const char *wet = "W. Europe Standard Time";
    int64_t change = utc_at(2026, 3, 29, 1, 0);   /* 02:00 CET -> 03:00 CEST */
    bool dst = true;
    assert_int_equal(bkp_tz_offset(tz, wet, change - 3600, &dst), 60);
    assert_false(dst);
    assert_int_equal(bkp_tz_offset(tz, wet, change - 1, &dst), 60);
    assert_false(dst);
    assert_int_equal(bkp_tz_offset(tz, wet, change, &dst), 120);
    assert_true(dst);
    assert_int_equal(bkp_tz_offset(tz, wet, change + 3600, &dst), 120);
    assert_true(dst);
    assert_int_equal(bkp_tz_std_offset(tz, wet, change - 1), 60);
    assert_int_equal(bkp_tz_std_offset(tz, wet, change), 60);
    /* And out in 2026-10-25 01:00Z. */
    assert_int_equal(bkp_tz_offset(tz, wet, utc_at(2026, 10, 25, 1, 0) - 1, &dst), 120);
    assert_int_equal(bkp_tz_offset(tz, wet, utc_at(2026, 10, 25, 1, 0), &dst), 60);
    assert_false(dst);
}

static void offset_unknown_zone(void **state)
{
    BkpTz *tz = *state;
    bool dst = true;
    assert_int_equal(bkp_tz_offset(tz, "Nowhere Standard Time", utc_at(2026, 7, 1, 0, 0), &dst), 0);
    assert_false(dst);
    assert_int_equal(bkp_tz_local_to_utc(tz, "Nowhere Standard Time", 20468, 60), 20468 * 86400 + 3600);
}

/* --- local -> UTC -------------------------------------------------------------------- */

static void local_to_utc_pacific(void **state)
{
    BkpTz *tz = *state;
    const char *pst = "Pacific Standard Time";
    int64_t jan15 = bkp_days_from_civil(2026, 1, 15);
    int64_t mar8 = bkp_days_from_civil(2026, 3, 8);
    int64_t jul15 = bkp_days_from_civil(2026, 7, 15);
    int64_t nov1 = bkp_days_from_civil(2026, 11, 1);

    /* Normal times. */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, jan15, 9 * 60), utc_at(2026, 1, 15, 17, 0));
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, jul15, 9 * 60), utc_at(2026, 7, 15, 16, 0));
    /* Minute >= 1440 is the next day: 23:30 + 2h on Jan 15 = 01:30 Jan 16. */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, jan15, 1440 + 90), utc_at(2026, 1, 16, 9, 30));

    /* Spring forward, 2026-03-08 02:00 PST -> 03:00 PDT (10:00Z). */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8, 1 * 60 + 59), utc_at(2026, 3, 8, 9, 59));
    /* The gap: 02:30 does not exist; it is read as PST: 10:30Z = 03:30 PDT. */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8, 2 * 60 + 30), utc_at(2026, 3, 8, 10, 30));
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8, 2 * 60), utc_at(2026, 3, 8, 10, 0));
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8, 3 * 60), utc_at(2026, 3, 8, 10, 0));
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8, 3 * 60 + 30), utc_at(2026, 3, 8, 10, 30));
    /* The same gap, reached from the day before with minute >= 1440. */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, mar8 - 1, 1440 + 150), utc_at(2026, 3, 8, 10, 30));

    /* Fall back, 2026-11-01 02:00 PDT -> 01:00 PST (09:00Z). */
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, nov1, 0 * 60 + 59), utc_at(2026, 11, 1, 7, 59));
    /* The overlap: 01:30 happens at 08:30Z (PDT) and 09:30Z (PST); earlier. */
    int64_t u = bkp_tz_local_to_utc(tz, pst, nov1, 1 * 60 + 30);
    assert_int_equal(u, utc_at(2026, 11, 1, 8, 30));
    bool dst = false;
    assert_int_equal(bkp_tz_offset(tz, pst, u, &dst), -420);
    assert_true(dst);
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, nov1, 1 * 60), utc_at(2026, 11, 1, 8, 0));
    assert_int_equal(bkp_tz_local_to_utc(tz, pst, nov1, 2 * 60), utc_at(2026, 11, 1, 10, 0));
}

static void local_to_utc_round_trip(void **state)
{
    BkpTz *tz = *state;
    static const char *const zones[] = { "India Standard Time", "W. Europe Standard Time",
                                         "Pacific Standard Time", "AUS Eastern Standard Time",
                                         "Lord Howe Standard Time" };
    /* Outside gaps, local -> UTC -> local is the identity; every 37 minutes
     * through 2026 in zones with and without DST, north and south, and one
     * with a half-hour DST shift (Lord Howe). */
    for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
        int64_t d0 = bkp_days_from_civil(2026, 1, 1), d1 = bkp_days_from_civil(2027, 1, 1);
        int gaps = 0;
        for (int64_t m = d0 * 1440; m < d1 * 1440; m += 37) {
            int64_t days = m / 1440;
            int minute = (int)(m % 1440);
            int64_t u = bkp_tz_local_to_utc(tz, zones[z], days, minute);
            int64_t back = u + bkp_tz_offset(tz, zones[z], u, NULL) * 60;
            if (back != m * 60) {
                /* A gap time comes back later by the gap's length. */
                gaps++;
                if (back - m * 60 <= 0 || back - m * 60 > 3600)
                    fail_msg("%s: local minute %lld -> %lld -> %lld", zones[z], (long long)m,
                             (long long)u, (long long)back / 60);
            }
        }
        /* Gaps are at most an hour a year: a couple of 37-minute steps. */
        if (gaps > 2)
            fail_msg("%s: %d gap times in 2026", zones[z], gaps);
    }
}

/* --- civil dates ---------------------------------------------------------------------- */

static void civil_known_days(void **state)
{
    (void)state;
    assert_int_equal(bkp_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(bkp_weekday(0), 4);   /* Thursday */
    assert_int_equal(bkp_days_from_civil(2026, 11, 24), 20781);
    assert_int_equal(bkp_weekday(20781), 2);   /* Tuesday */
    assert_int_equal(bkp_days_from_civil(2000, 2, 29), 11016);
    assert_int_equal(bkp_weekday(11016), 2);   /* Tuesday */
    assert_int_equal(bkp_days_from_civil(1900, 1, 1), -25567);
    assert_int_equal(bkp_weekday(-25567), 1);  /* Monday */
    assert_int_equal(bkp_days_from_civil(2300, 12, 31), 120894);
    assert_int_equal(bkp_weekday(120894), 1);  /* Monday */
    assert_int_equal(bkp_weekday(-1), 3);      /* 1969-12-31, Wednesday */
    assert_int_equal(bkp_weekday(-4), 0);      /* 1969-12-28, Sunday */
    assert_int_equal(bkp_weekday(-5), 6);      /* 1969-12-27, Saturday */
    /* Leap years: 2000 is one, 1900 and 2100 are not. */
    assert_int_equal(bkp_days_from_civil(2000, 3, 1) - bkp_days_from_civil(2000, 2, 28), 2);
    assert_int_equal(bkp_days_from_civil(1900, 3, 1) - bkp_days_from_civil(1900, 2, 28), 1);
    assert_int_equal(bkp_days_from_civil(2100, 3, 1) - bkp_days_from_civil(2100, 2, 28), 1);
    assert_int_equal(bkp_days_from_civil(2024, 3, 1) - bkp_days_from_civil(2024, 2, 28), 2);
    int y, m, d;
    bkp_civil_from_days(11016, &y, &m, &d);
    assert_int_equal(y, 2000);
    assert_int_equal(m, 2);
    assert_int_equal(d, 29);
    bkp_civil_from_days(-1, &y, &m, &d);
    assert_int_equal(y, 1969);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
}

static void floor_div_rounds_down(void **state)
{
    (void)state;
    assert_int_equal(bkp_floor_div(7, 2), 3);
    assert_int_equal(bkp_floor_div(-7, 2), -4);
    assert_int_equal(bkp_floor_div(7, -2), -4);
    assert_int_equal(bkp_floor_div(-7, -2), 3);
    assert_int_equal(bkp_floor_div(-86400, 86400), -1);
    assert_int_equal(bkp_floor_div(-1, 86400), -1);     /* 1969-12-31T23:59:59Z: day -1 */
    assert_int_equal(bkp_floor_div(0, 86400), 0);
}

static void civil_round_trip(void **state)
{
    (void)state;
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    /* Walk every date from -0400-01-01 to 2400-12-31 (proleptic Gregorian)
     * by hand and compare; the walk must pass 1970-01-01 at day 0. A
     * 400-year cycle is a whole number of weeks, so -0400-01-01 was a
     * Saturday like 2000-01-01. */
    int64_t days = bkp_days_from_civil(-400, 1, 1);
    int wday = 6;
    bool saw_epoch = false;
    for (int y = -400; y <= 2400; y++) {
        bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for (int m = 1; m <= 12; m++) {
            int n = mdays[m - 1] + (m == 2 && leap);
            for (int d = 1; d <= n; d++) {
                if (y == 1970 && m == 1 && d == 1) {
                    assert_int_equal(days, 0);
                    saw_epoch = true;
                }
                if (bkp_days_from_civil(y, m, d) != days)
                    fail_msg("days_from_civil(%d-%02d-%02d) != %lld", y, m, d, (long long)days);
                int yy, mm, dd;
                bkp_civil_from_days(days, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("civil_from_days(%lld) = %d-%02d-%02d, want %d-%02d-%02d",
                             (long long)days, yy, mm, dd, y, m, d);
                if (bkp_weekday(days) != wday)
                    fail_msg("weekday(%d-%02d-%02d) = %d, want %d", y, m, d, bkp_weekday(days),
                             wday);
                days++;
                wday = (wday + 1) % 7;
            }
        }
    }
    assert_true(saw_epoch);
    assert_int_equal(days, bkp_days_from_civil(2401, 1, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(resolve_windows, setup, teardown),
        cmocka_unit_test_setup_teardown(resolve_iana, setup, teardown),
        cmocka_unit_test_setup_teardown(resolve_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(resolve_wrong_case, setup, teardown),
        cmocka_unit_test_setup_teardown(resolve_abbreviations, setup, teardown),
        cmocka_unit_test_setup_teardown(utc_without_icu, setup, teardown),
        cmocka_unit_test_setup_teardown(offsets_are_cached, setup, teardown),
        cmocka_unit_test_setup_teardown(offsets_kept_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(suggest_examples, setup, teardown),
        cmocka_unit_test_setup_teardown(suggest_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(iana_mapping, setup, teardown),
        cmocka_unit_test_setup_teardown(iana_as_icu_maps_it, setup, teardown),
        cmocka_unit_test_setup_teardown(offset_india, setup, teardown),
        cmocka_unit_test_setup_teardown(offset_pacific, setup, teardown),
        cmocka_unit_test_setup_teardown(offset_w_europe_transition, setup, teardown),
        cmocka_unit_test_setup_teardown(offset_unknown_zone, setup, teardown),
        cmocka_unit_test_setup_teardown(local_to_utc_pacific, setup, teardown),
        cmocka_unit_test_setup_teardown(local_to_utc_round_trip, setup, teardown),
        cmocka_unit_test(civil_known_days),
        cmocka_unit_test(civil_round_trip),
        cmocka_unit_test(floor_div_rounds_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
