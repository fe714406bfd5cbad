#ifndef BKPC_VERSION_H
#define BKPC_VERSION_H
#define BKPC_VERSION "0.1.0"
#endif
