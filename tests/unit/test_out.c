/* Unit tests of the command line's output files (src/cli/out.c): a set of
 * files replaced all together or not at all, a failed rename rolled back, a
 * signal that comes while temporaries exist. The CLI is not part of the
 * library, so out.c is compiled into this test. tests/extra/paths.sh tries
 * the same through `bkpc build -o`. */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli/out.c"

/* A fresh directory; the names of n files in it. */
static void dir_files(char *dir, size_t n, char path[][128], const char *const *names)
{
    strcpy(dir, "/tmp/bkpc-out-XXXXXX");
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < n; i++)
        snprintf(path[i], 128, "%s/%s", dir, names[i]);
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void expect(const char *path, const char *text)
{
    char buf[64] = "";
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    assert_string_equal(buf, text);
}

/* How many entries dir holds (but . and ..). */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* Removes dir and what it holds (files, empty directories, FIFOs). */
static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        char p[512];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (unlink(p) != 0)
            rmdir(p);
    }
    closedir(d);
    assert_int_equal(rmdir(dir), 0);
}

/* Opens, writes `text` into and closes each of v[0..n). */
static void write_set(CliOut *v, char path[][128], size_t n, const char *text)
{
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(cli_out_open_file(&v[i], path[i], 0644), 0);
        fputs(text, v[i].f);
        assert_int_equal(cli_out_close(&v[i]), 0);
    }
}

static void test_set_replaced_whole(void **state)
{
    (void)state;
    static const char *const names[] = {"a.json", "b.json", "c.json"};
    char dir[64], path[3][128];
    dir_files(dir, 3, path, names);
    put(path[0], "A");
    chmod(path[0], 0600);
    CliOut v[3];
    write_set(v, path, 3, "new");
    assert_int_equal(entries(dir), 4);            /* a.json and the 3 temporaries */
    assert_int_equal(cli_out_commit_all(v, 3), 0);
    for (int i = 0; i < 3; i++)
        expect(path[i], "new");
    struct stat st;
    assert_int_equal(stat(path[0], &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);  /* the mode of the file it replaced */
    assert_int_equal(entries(dir), 3);            /* no temporary, no copy kept */
    remove_dir(dir);
}

/* A rename that fails (here a directory appeared at c.json after it was
 * opened) puts back the files renamed before it. */
static void test_set_rolled_back(void **state)
{
    (void)state;
    static const char *const names[] = {"a.json", "b.json", "c.json"};
    char dir[64], path[3][128];
    dir_files(dir, 3, path, names);
    put(path[0], "A");
    CliOut v[3];
    write_set(v, path, 3, "new");
    assert_int_equal(mkdir(path[2], 0700), 0);
    assert_int_equal(cli_out_commit_all(v, 3), -1);
    expect(path[0], "A");                          /* put back */
    assert_int_equal(access(path[1], F_OK), -1);   /* new: gone again */
    struct stat st;
    assert_int_equal(stat(path[2], &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(entries(dir), 2);             /* a.json and c.json/ only */
    remove_dir(dir);
}

static volatile sig_atomic_t got;
static void on_term(int sig) { got = sig; }

/* A signal while temporaries exist: removed, nothing replaced, and the
 * signal takes effect once they are gone. */
static void test_signal_waits(void **state)
{
    (void)state;
    static const char *const names[] = {"a.json", "b.json"};
    char dir[64], path[2][128];
    dir_files(dir, 2, path, names);
    put(path[0], "A");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    got = 0;

    CliOut one;
    assert_int_equal(cli_out_open(&one, path[0]), 0);
    fputs("new", one.f);
    raise(SIGTERM);
    assert_int_equal(got, 0);                      /* held */
    assert_int_equal(cli_out_commit(&one), -1);
    assert_int_equal(got, SIGTERM);                /* and let go */
    expect(path[0], "A");
    assert_int_equal(entries(dir), 1);

    got = 0;
    CliSignals held;
    cli_signals_hold(&held);
    CliOut v[2];
    write_set(v, path, 2, "new");
    raise(SIGTERM);
    assert_int_equal(cli_out_commit_all(v, 2), -1);
    assert_int_equal(got, 0);
    cli_signals_release(&held);
    assert_int_equal(got, SIGTERM);
    expect(path[0], "A");
    assert_int_equal(entries(dir), 1);
    signal(SIGTERM, SIG_DFL);
    remove_dir(dir);
}

/* What cannot be replaced is refused before anything is written. */
static void test_refused(void **state)
{
    (void)state;
    static const char *const names[] = {"d", "fifo"};
    char dir[64], path[2][128];
    dir_files(dir, 2, path, names);
    assert_int_equal(mkdir(path[0], 0700), 0);
    assert_int_equal(mkfifo(path[1], 0600), 0);
    CliOut o;
    assert_int_equal(cli_out_open(&o, path[0]), -1);
    assert_int_equal(cli_out_open_file(&o, path[1], 0644), -1);   /* a FIFO is not a file of a set */
    assert_int_equal(cli_out_open(&o, ""), -1);
    assert_int_equal(entries(dir), 2);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_replaced_whole),
        cmocka_unit_test(test_set_rolled_back),
        cmocka_unit_test(test_signal_waits),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
