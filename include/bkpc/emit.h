/* emit.h — backends: checked program -> REST JSON, PowerShell, Azure CLI. */
#ifndef BKPC_EMIT_H
#define BKPC_EMIT_H

#include <stdio.h>

#include <jansson.h>

#include "bkpc/policy.h"

/* The REST PUT body ({"properties": {...}}) of one policy; a new reference. */
json_t *bkp_rest_body(const BkpPolicy *p);
/* The body as bkpc prints it: 2-space indent, fixed key order, a final newline.
 * Returns 0, or -1 on an I/O error or with errno ENOMEM (then nothing is
 * written and ferror(out) may be clear). */
int bkp_emit_json(const BkpPolicy *p, FILE *out);

/* Scripts for the whole program, or only `only` (and the `protect`s that use
 * it) when it is not NULL. Return 0, or -1 on an I/O error or out of memory
 * (errno ENOMEM; the script is then incomplete). */
int bkp_emit_ps1(const BkpProgram *prog, const BkpPolicy *only, FILE *out);
int bkp_emit_azcli(const BkpProgram *prog, const BkpPolicy *only, FILE *out);

#endif
