/* fsfloor.c — the file-system floor of `bkpc build -o DIR/`.
 *
 *   fsfloor DIR N SIZE
 *
 * Writes N files of SIZE bytes into DIR (created if missing) the way bkpc
 * writes its outputs: a temporary file beside the target (mkstemp), the
 * bytes, close, rename. No compiling at all: the time this takes is what
 * writing N bodies as N files costs on this machine's disk, whatever the
 * compiler does.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: fsfloor DIR N SIZE\n", stderr);
        return 2;
    }
    const char *dir = argv[1];
    long n = strtol(argv[2], NULL, 10), size = strtol(argv[3], NULL, 10);
    if (n < 0 || size < 0 || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
        perror(dir);
        return 2;
    }
    char *body = malloc((size_t)size + 1);
    if (!body)
        return 2;
    memset(body, ' ', (size_t)size);
    char path[4096], tmp[4096 + 16];
    for (long i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/policy-%06ld.json", dir, i);
        snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
        int fd = mkstemp(tmp);
        if (fd < 0 || write(fd, body, (size_t)size) != (ssize_t)size || close(fd) != 0 ||
            rename(tmp, path) != 0) {
            perror(path);
            return 1;
        }
    }
    free(body);
    return 0;
}
