/* out.c — output files that appear only when complete (CliOut, cli.h).
 *
 * What OUT is decides how it is written:
 *   nothing yet, or a regular file: a temporary file beside it (beside the
 *     end of its chain of symbolic links, when it is one), renamed over it
 *     once complete; a file it replaces keeps its mode, and its owner and
 *     group when the process may give them;
 *   standard output (`-`, or a path that is the file standard output is,
 *     such as /dev/stdout): standard output;
 *   a character device (/dev/null, a terminal) or a FIFO: written through,
 *     as a shell's `>` would (nothing to replace atomically);
 *   a socket, a block device, a directory: refused, nothing written.
 *
 * While a temporary file exists, SIGINT, SIGTERM and SIGHUP are held: a
 * signal that comes then takes effect once the temporary is renamed or
 * removed (cli_out_commit and cli_out_abort check for one first, and remove
 * the temporary instead of renaming it), so an interrupted run leaves no
 * temporary and replaces nothing. A set of files (cli_out_commit_all)
 * replaces all of them or none.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- signals --------------------------------------------------------------- */

static void stop_signals(sigset_t *s)
{
    sigemptyset(s);
    sigaddset(s, SIGINT);
    sigaddset(s, SIGTERM);
    sigaddset(s, SIGHUP);
}

void cli_signals_hold(CliSignals *h)
{
    sigset_t s;
    stop_signals(&s);
    h->held = sigprocmask(SIG_BLOCK, &s, &h->saved) == 0;
}

bool cli_signals_pending(void)
{
    sigset_t p;
    if (sigpending(&p) != 0)
        return false;
    return sigismember(&p, SIGINT) == 1 || sigismember(&p, SIGTERM) == 1 || sigismember(&p, SIGHUP) == 1;
}

void cli_signals_release(CliSignals *h)
{
    if (h->held)
        sigprocmask(SIG_SETMASK, &h->saved, NULL);
    h->held = false;
}

/* ---- where OUT leads --------------------------------------------------------- */

/* The end of path's chain of symbolic links (relative targets are read
 * from the link's directory); path itself when it is none, or does not
 * exist. NULL when out of memory or the chain is too long (errno). */
static char *follow_links(const char *path)
{
    char *p = strdup(path);
    for (int depth = 0; p; depth++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        if (depth == 40) {
            free(p);
            errno = ELOOP;
            return NULL;
        }
        size_t cap = (size_t)st.st_size + 1 > 256 ? (size_t)st.st_size + 1 : 256;
        char *t = malloc(cap);
        ssize_t n = t ? readlink(p, t, cap - 1) : -1;
        if (n < 0) {
            free(t);
            free(p);
            return NULL;
        }
        t[n] = '\0';
        const char *slash = strrchr(p, '/');
        if (t[0] == '/' || !slash) {
            free(p);
            p = t;
            continue;
        }
        size_t dl = (size_t)(slash - p) + 1;
        char *q = malloc(dl + (size_t)n + 1);
        if (q) {
            memcpy(q, p, dl);
            memcpy(q + dl, t, (size_t)n + 1);
        }
        free(t);
        free(p);
        p = q;
    }
    return NULL;
}

static int give_up(CliOut *o, const char *shown, const char *why)
{
    fprintf(stderr, "bkpc: cannot write %s: %s\n", shown, why);
    cli_out_abort(o);
    return -1;
}

/* A temporary file beside o->path, with the mode (and owner) of the file
 * it replaces (`old`, NULL: none; then `mode` less the umask). */
static int open_temporary(CliOut *o, const char *shown, const struct stat *old, unsigned mode)
{
    size_t n = strlen(o->path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp)
        return give_up(o, shown, strerror(ENOMEM));
    /* Beside the target, so that rename() is atomic. */
    snprintf(o->tmp, n, "%s.XXXXXX", o->path);
    cli_signals_hold(&o->signals);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        free(o->tmp);
        o->tmp = NULL;
        return give_up(o, shown, strerror(err));
    }
    if (old) {
        /* chown first: it may clear the set-id bits that chmod then restores */
        if (fchown(fd, old->st_uid, old->st_gid) != 0 && fchown(fd, (uid_t)-1, old->st_gid) != 0) {
            /* not ours to give: the replacement is the user's */
        }
        mode = old->st_mode & 07777;
    } else {
        mode_t um = umask(0);
        umask(um);
        mode &= ~um;
    }
    if (fchmod(fd, (mode_t)mode) != 0 || !(o->f = fdopen(fd, "w"))) {
        int err = errno;
        close(fd);
        return give_up(o, shown, strerror(err));
    }
    return 0;
}

/* Whether st is the file standard output writes to. */
static bool is_stdout(const struct stat *st)
{
    struct stat so;
    return fstat(STDOUT_FILENO, &so) == 0 && so.st_dev == st->st_dev && so.st_ino == st->st_ino;
}

static int open_out(CliOut *o, const char *path, unsigned mode, bool files_only)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        return 0;
    }
    if (!*path) {
        fprintf(stderr, "bkpc: cannot write to an empty path\n");
        return -1;
    }
    struct stat st;
    int have = stat(path, &st) == 0;
    if (!have && errno != ENOENT)
        return give_up(o, path, strerror(errno));
    if (have && !files_only && !S_ISDIR(st.st_mode) && is_stdout(&st)) {
        o->f = stdout;
        return 0;
    }
    if (have && !S_ISREG(st.st_mode)) {
        const char *what = S_ISDIR(st.st_mode) ? "it is a directory"
                         : S_ISSOCK(st.st_mode) ? "it is a socket; bkpc writes files, FIFOs and character devices"
                         : S_ISBLK(st.st_mode) ? "it is a block device; bkpc does not write to disks"
                         : files_only ? "it is not a regular file (a set of files is replaced as a whole or not at all)"
                         : S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) ? NULL : "it is not a file";
        if (what)
            return give_up(o, path, what);
        /* a character device or a FIFO: written through */
        int fd = open(path, O_WRONLY | O_NOCTTY);
        if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
            int err = errno;
            if (fd >= 0)
                close(fd);
            return give_up(o, path, strerror(err));
        }
        o->path = strdup(path);
        return o->path ? 0 : give_up(o, path, strerror(ENOMEM));
    }
    o->path = follow_links(path);
    if (!o->path)
        return give_up(o, path, strerror(errno ? errno : ENOMEM));
    o->shown = strdup(path);
    return open_temporary(o, path, have ? &st : NULL, mode);
}

int cli_out_open(CliOut *o, const char *path)
{
    return open_out(o, path, 0644, false);
}

int cli_out_open_mode(CliOut *o, const char *path, unsigned mode)
{
    return open_out(o, path, mode, false);
}

int cli_out_open_file(CliOut *o, const char *path, unsigned mode)
{
    return open_out(o, path, mode, true);
}

/* The name of o in messages: as the user gave it. */
static const char *shown(const CliOut *o)
{
    return o->shown ? o->shown : o->path ? o->path : "standard output";
}

int cli_out_close(CliOut *o)
{
    if (!o->f || o->f == stdout)
        return 0;
    int bad = ferror(o->f);
    errno = 0;
    if (fclose(o->f) != 0)
        bad = 1;
    o->f = NULL;
    if (bad) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", shown(o), strerror(errno ? errno : EIO));
        cli_out_abort(o);
        return -1;
    }
    return 0;
}

/* Frees what o holds, and lets held signals go (the process may end here). */
static void out_free(CliOut *o)
{
    free(o->tmp);
    free(o->path);
    free(o->shown);
    o->tmp = o->path = o->shown = NULL;
    cli_signals_release(&o->signals);
}

int cli_out_commit(CliOut *o)
{
    if (o->f == stdout) {
        o->f = NULL;
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "bkpc: cannot write standard output: %s\n", strerror(errno ? errno : EIO));
            return -1;
        }
        return 0;
    }
    if (cli_out_close(o) != 0)
        return -1;
    if (o->tmp && cli_signals_pending()) {
        fprintf(stderr, "bkpc: interrupted; %s left as it was\n", shown(o));
        cli_out_abort(o);
        return -1;
    }
    if (o->tmp && rename(o->tmp, o->path) != 0) {
        fprintf(stderr, "bkpc: cannot write %s: %s\n", shown(o), strerror(errno ? errno : EIO));
        cli_out_abort(o);
        return -1;
    }
    out_free(o);
    return 0;
}

void cli_out_abort(CliOut *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp)
        unlink(o->tmp);
    out_free(o);
}

/* ---- a set of files ------------------------------------------------------------ */

/* Puts back what the renames of v[0..n) replaced: the copy kept in old[i]
 * (a hard link to the file it replaced), or nothing (the file was new). */
static void roll_back(CliOut *v, char **old, int n)
{
    for (int i = 0; i < n; i++) {
        if (old[i])
            rename(old[i], v[i].path);
        else
            unlink(v[i].path);
        free(old[i]);
        old[i] = NULL;
    }
}

int cli_out_commit_all(CliOut *v, int n)
{
    CliSignals held;
    cli_signals_hold(&held);
    char **old = calloc((size_t)(n ? n : 1), sizeof *old);
    int done = 0, status = 0;
    if (!old || cli_signals_pending()) {
        fprintf(stderr, old ? "bkpc: interrupted; nothing written\n" : "bkpc: out of memory\n");
        status = -1;
    }
    /* Keep each file that will be replaced, under a name of its own, to
     * put it back if a later rename fails. Where the file system has no
     * hard links, that file cannot be put back. */
    for (int i = 0; status == 0 && i < n; i++) {
        struct stat st;
        if (!v[i].tmp || lstat(v[i].path, &st) != 0)
            continue;
        size_t len = strlen(v[i].tmp) + 5;
        old[i] = malloc(len);
        if (old[i])
            snprintf(old[i], len, "%s.old", v[i].tmp);
        if (!old[i] || (link(v[i].path, old[i]) != 0 && errno != EPERM && errno != ENOTSUP &&
                        errno != EMLINK && errno != EXDEV)) {
            fprintf(stderr, "bkpc: cannot write %s: %s\n", shown(&v[i]), strerror(old[i] ? errno : ENOMEM));
            status = -1;
        } else if (access(old[i], F_OK) != 0) {
            free(old[i]);
            old[i] = NULL;
        }
    }
    for (; status == 0 && done < n; done++) {
        if (v[done].tmp && rename(v[done].tmp, v[done].path) != 0) {
            fprintf(stderr, "bkpc: cannot write %s: %s; the files written before it are put back\n",
                    shown(&v[done]), strerror(errno));
            status = -1;
            break;
        }
        free(v[done].tmp);
        v[done].tmp = NULL;
    }
    if (status != 0)
        roll_back(v, old, done);
    for (int i = 0; old && i < n; i++) {
        if (old[i])
            unlink(old[i]);
        free(old[i]);
    }
    free(old);
    /* Holds are let go last taken, first: this one, then v[n - 1] ... v[0]
     * (which may be the first to have held them) once its temporary is gone. */
    cli_signals_release(&held);
    for (int i = n - 1; i >= 0; i--)
        cli_out_abort(&v[i]);            /* what is left: temporaries not renamed */
    return status;
}

/* ---- a spool --------------------------------------------------------------------- */

FILE *cli_spool_open(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof "/bkpc-spool-XXXXXX";
    char *path = malloc(n);
    int fd = -1;
    if (path) {
        snprintf(path, n, "%s/bkpc-spool-XXXXXX", dir);
        fd = mkstemp(path);
        if (fd >= 0)
            unlink(path);
        free(path);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (!f && fd >= 0)
        close(fd);
    if (!f)
        f = tmpfile();
    if (f)
        setvbuf(f, NULL, _IOFBF, 1 << 18);      /* few, large writes */
    return f;
}

int cli_spool_copy(FILE *spool, FILE *to)
{
    if (fflush(spool) != 0 || fflush(to) != 0)
        return -1;
    off_t size = lseek(fileno(spool), 0, SEEK_END);
    if (size < 0)
        return -1;
    /* in the kernel, from the spool's pages to `to` (a file, a pipe, a
     * device); read and written back where that cannot be done */
    off_t at = 0;
    while (at < size) {
        ssize_t n = sendfile(fileno(to), fileno(spool), &at, (size_t)(size - at));
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno != EINVAL && errno != ENOSYS)
            return -1;
        if (fseeko(spool, at, SEEK_SET) != 0)
            return -1;
        char buf[1 << 16];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, spool)) > 0)
            if (fwrite(buf, 1, k, to) != k)
                return -1;
        return ferror(spool) ? -1 : 0;
    }
    return 0;
}

