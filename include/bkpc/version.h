#ifndef BKPC_VERSION_H
#define BKPC_VERSION_H
#define BKPC_VERSION "0.1.0"
/* Where the project lives; the rule pages are under it (ruledoc.h). */
#define BKPC_HOMEPAGE "https://github.com/bkpc/bkpc"
#endif
