/* policy.c — names of the enums in policy.h, as Azure spells them. */
#include "bkpc/policy.h"

#include <string.h>

static const char *const weekday[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};
static const char *const weekday_short[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const week[] = {"First", "Second", "Third", "Fourth", "Last"};
static const char *const month[] = {"January", "February", "March", "April",
                                    "May", "June", "July", "August",
                                    "September", "October", "November", "December"};
static const char *const month_short[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};

const char *bkp_weekday_name(int d) { return d >= 0 && d < 7 ? weekday[d] : "?"; }
const char *bkp_weekday_short(int d) { return d >= 0 && d < 7 ? weekday_short[d] : "?"; }
const char *bkp_week_name(int w) { return w >= 0 && w < 5 ? week[w] : "?"; }
const char *bkp_month_name(int m) { return m >= 0 && m < 12 ? month[m] : "?"; }
const char *bkp_month_short(int m) { return m >= 0 && m < 12 ? month_short[m] : "?"; }

const char *bkp_freq_name(BkpFreq f)
{
    switch (f) {
    case BKP_FREQ_HOURLY: return "Hourly";
    case BKP_FREQ_DAILY: return "Daily";
    case BKP_FREQ_WEEKLY: return "Weekly";
    }
    return "?";
}

const BkpPolicy *bkp_program_find(const BkpProgram *prog, const char *name)
{
    for (const BkpPolicy *p = prog->policies; p; p = p->next)
        if (strcmp(p->name, name) == 0)
            return p;
    return NULL;
}
