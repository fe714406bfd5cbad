/* cmd_complete.c — `bkpc complete policies FILE`: the names of the policies
 * FILE defines, one a line, for the shell completions (share/completion/).
 * Hidden: not listed by `bkpc --help`.
 *
 * It only parses, so a file with errors still gives the names it defines;
 * it prints no diagnostic and exits 0 whatever the file holds (an unreadable
 * file has nothing to complete). Only names that `--policy` takes as they
 * are (an ASCII letter, then letters, digits, `-`, `_`, `!`) are printed:
 * nothing a hostile file names reaches the shell's command line. */
#include <stdio.h>
#include <string.h>

#include "bkpc/compile.h"
#include "cli.h"

static bool plain_name(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("-_!", *s)))
            return false;
    return true;
}

int cmd_complete(int argc, char **argv)
{
    if (argc != 3 || strcmp(argv[1], "policies") != 0)
        return EXIT_USAGE;
    /* Standard input is the command line's, never read here. */
    BkpSource *src = strcmp(argv[2], "-") != 0 ? bkp_source_read(argv[2]) : NULL;
    if (!src)
        return EXIT_CLEAN;
    BkpCtx ctx;
    bkp_ctx_init(&ctx);
    const AstFile *f = bkp_parse(&ctx, src);
    for (const AstPolicy *p = f ? f->policies : NULL; p; p = p->next)
        if (p->name.value && plain_name(p->name.value))
            printf("%s\n", p->name.value);
    bkp_ctx_free(&ctx);
    bkp_source_free(src);
    return fflush(stdout) == 0 ? EXIT_CLEAN : EXIT_USAGE;
}
