/* tz.h — time zones, from ICU (its tz database and CLDR windowsZones data).
 *
 * Azure wants Windows time-zone ids ("India Standard Time"); users may also
 * write IANA ids ("Asia/Kolkata"), which are mapped. ICU is loaded only when a
 * zone other than "UTC" is looked up. A BkpTz holds the caches of one
 * compilation; there is no global state of ours.
 */
#ifndef BKPC_TZ_H
#define BKPC_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bkpc/civil.h"

typedef struct BkpTz BkpTz;

BkpTz *bkp_tz_new(void);
void bkp_tz_free(BkpTz *tz);

typedef enum {
    BKP_TZ_UNKNOWN,   /* neither a Windows id nor an IANA id that maps to one */
    BKP_TZ_WINDOWS,   /* a Windows id, exactly as Azure spells it */
    BKP_TZ_IANA,      /* an IANA id (with a '/', or "Etc/UTC"...), mapped */
} BkpTzKind;

/* Resolve a zone id as written. On success *windows_id is the Windows id to
 * send to Azure (storage owned by tz, valid until bkp_tz_free). Matching is
 * exact (case-sensitive); abbreviations such as "IST" or "EST" are UNKNOWN. */
BkpTzKind bkp_tz_resolve(BkpTz *tz, const char *id, const char **windows_id);

/* Up to `max` known ids (Windows first, then IANA) nearest to `id` by edit
 * distance, best first; for "did you mean". Returns how many. (Only ids that
 * bkp_tz_resolve accepts; a case-insensitive match ranks first; nothing
 * farther than about len/3 edits (at most 6), nor more than 2 edits worse
 * than the best; storage owned by tz.) */
int bkp_tz_suggest(BkpTz *tz, const char *id, const char **out, int max);

/* Every Windows id Azure accepts (CLDR's windowsZones, from ICU), sorted
 * by strcmp; *n gets how many (0 if ICU has none). For completion; storage
 * owned by tz. */
const char *const *bkp_tz_windows_ids(BkpTz *tz, size_t *n);

/* The IANA zone whose rules a Windows id stands for (CLDR territory 001),
 * e.g. "India Standard Time" -> "Asia/Calcutta". NULL if unknown. */
const char *bkp_tz_iana(BkpTz *tz, const char *windows_id);

/* Offset from UTC, in minutes, of a Windows zone at a UTC instant
 * (seconds since 1970-01-01T00:00Z); *dst tells whether daylight saving
 * time is in effect then (may be NULL). */
int bkp_tz_offset(BkpTz *tz, const char *windows_id, int64_t utc, bool *dst);
/* The zone's standard (non-DST) offset, in minutes, at that instant. */
int bkp_tz_std_offset(BkpTz *tz, const char *windows_id, int64_t utc);
/* (Both: an id that is not a known Windows id counts as UTC, offset 0; an
 * offset that is not a whole number of minutes, as some pre-1970 local mean
 * times are, is rounded down.) */

/* The UTC instant (seconds since 1970-01-01T00:00Z) at which a Windows zone's
 * clocks read local day `days` (days since 1970-01-01, see
 * bkp_days_from_civil) at `minute` minutes after midnight; `minute` may be
 * >= 1440 (a later day) or negative. At a DST change:
 *   - a skipped time (a gap, e.g. 02:30 on the day DST starts) is read with
 *     the offset in force before the change, i.e. it happens as late as the
 *     gap is long: 02:30 PST on 2026-03-08 -> 10:30Z, which is 03:30 PDT;
 *   - a repeated time (an overlap, e.g. 01:30 on the day DST ends) is the
 *     earlier of its two instants: 01:30 PDT on 2026-11-01 -> 08:30Z.
 * Unknown ids count as UTC. */
int64_t bkp_tz_local_to_utc(BkpTz *tz, const char *windows_id, int64_t days, int minute);

/* A change of a zone's offsets: from instant `at` on, `offset` (DST
 * included) and `std_offset`, minutes. */
typedef struct BkpTzChange {
    int64_t at;
    int offset, std_offset;
} BkpTzChange;

/* The changes of a Windows zone's offsets in the instants (from, to), in
 * order, from ICU's transitions: into *out (malloc'd; the caller frees it);
 * returns how many (0 for "UTC" and unknown zones), or -1 when out of
 * memory. */
int bkp_tz_changes(BkpTz *tz, const char *windows_id, int64_t from, int64_t to, BkpTzChange **out);

/* How many times tz has asked ICU something (read the Windows-id list or the
 * zone list, mapped an id, opened a calendar, computed an offset that was
 * not cached); 0 as long as only "UTC" has been used. For tests of the lazy
 * loading and the caches. */
unsigned long bkp_tz_icu_uses(const BkpTz *tz);

#endif
