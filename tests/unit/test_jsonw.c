/* test_jsonw.c — the streaming JSON writer (include/bkpc/jsonw.h): its
 * text is jansson's, byte for byte (indented or compact), in memory and
 * streamed to a file; a file is written in bounded chunks; write errors are
 * reported. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bkpc/jsonw.h"

/* Strings that need every kind of escape, and non-ASCII of every length. */
static const char *const strings[] = {
    "plain", "", "quote \" and backslash \\", "controls \x01\x1f\x7f\n\t\r\b\f",
    "caf\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "line\xe2\x80\xa8separator", "emoji \xf0\x9f\x98\x80 end",
};
#define NSTRINGS (sizeof strings / sizeof strings[0])

/* The same document, written and built: nested, empty containers, every
 * kind of value. */
static void write_doc(JsonW *w)
{
    jw_obj(w);
    jw_key(w, "strings");
    jw_arr(w);
    for (size_t i = 0; i < NSTRINGS; i++)
        jw_str(w, strings[i]);
    jw_end_arr(w);
    jw_key(w, "keyed \xc3\xa9\"");
    jw_obj(w);
    jw_key(w, "min");
    jw_int(w, INT64_MIN);
    jw_key(w, "max");
    jw_int(w, INT64_MAX);
    jw_key(w, "zero");
    jw_int(w, 0);
    jw_key(w, "yes");
    jw_bool(w, true);
    jw_key(w, "no");
    jw_bool(w, false);
    jw_key(w, "nothing");
    jw_null(w);
    jw_end_obj(w);
    jw_key(w, "empty_array");
    jw_arr(w);
    jw_end_arr(w);
    jw_key(w, "empty_object");
    jw_obj(w);
    jw_end_obj(w);
    jw_key(w, "nested");
    jw_arr(w);
    jw_arr(w);
    jw_obj(w);
    jw_end_obj(w);
    jw_end_arr(w);
    jw_end_arr(w);
    jw_end_obj(w);
}

static json_t *build_doc(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < NSTRINGS; i++)
        json_array_append_new(a, json_string(strings[i]));
    json_t *k = json_object();
    json_object_set_new(k, "min", json_integer(INT64_MIN));
    json_object_set_new(k, "max", json_integer(INT64_MAX));
    json_object_set_new(k, "zero", json_integer(0));
    json_object_set_new(k, "yes", json_true());
    json_object_set_new(k, "no", json_false());
    json_object_set_new(k, "nothing", json_null());
    json_t *nested = json_array();
    json_t *inner = json_array();
    json_array_append_new(inner, json_object());
    json_array_append_new(nested, inner);
    json_t *o = json_object();
    json_object_set_new(o, "strings", a);
    json_object_set_new(o, "keyed \xc3\xa9\"", k);
    json_object_set_new(o, "empty_array", json_array());
    json_object_set_new(o, "empty_object", json_object());
    json_object_set_new(o, "nested", nested);
    return o;
}

/* What jw writes to a file with `flags`. */
static char *to_file(unsigned flags)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    JsonW w;
    jw_init_file(&w, f, flags);
    write_doc(&w);
    assert_int_equal(jw_finish(&w), 0);
    assert_int_equal(fclose(f), 0);
    return text;
}

static void test_jansson_layout(void **state)
{
    (void)state;
    json_t *tree = build_doc();
    char *ascii = json_dumps(tree, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    char *utf8 = json_dumps(tree, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    JsonW w;
    jw_init(&w);
    write_doc(&w);
    jw_raw(&w, "", 1);
    assert_false(w.failed);
    assert_string_equal(w.data, ascii);
    jw_free(&w);
    char *f = to_file(0);
    assert_string_equal(f, ascii);
    free(f);
    f = to_file(JW_UTF8);
    assert_string_equal(f, utf8);
    free(f);
    free(ascii);
    free(utf8);
    /* JW_COMPACT: jansson's JSON_COMPACT, in memory and to a file */
    ascii = json_dumps(tree, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
    utf8 = json_dumps(tree, JSON_COMPACT | JSON_PRESERVE_ORDER);
    jw_init(&w);
    w.flags = JW_COMPACT;
    write_doc(&w);
    jw_raw(&w, "", 1);
    assert_string_equal(w.data, ascii);
    jw_free(&w);
    f = to_file(JW_COMPACT | JW_UTF8);
    assert_string_equal(f, utf8);
    free(f);
    free(ascii);
    free(utf8);
    json_decref(tree);
}

/* A file gets its text in chunks: the buffer never grows with the
 * document, and a string longer than a chunk goes straight through. */
static void test_bounded_chunks(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0, most = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    static char big[100000];
    memset(big, 'x', sizeof big - 1);
    JsonW w;
    jw_init_file(&w, f, JW_UTF8);
    jw_arr(&w);
    for (int i = 0; i < 200000; i++) {
        jw_obj(&w);
        jw_key(&w, "i");
        jw_int(&w, i);
        jw_end_obj(&w);
        if (w.cap > most)
            most = w.cap;
    }
    jw_str(&w, big);
    if (w.cap > most)
        most = w.cap;
    jw_end_arr(&w);
    assert_int_equal(jw_finish(&w), 0);
    assert_int_equal(fclose(f), 0);
    assert_true(most > 0 && most <= 65536);
    assert_true(len > 4000000);
    json_error_t err;
    json_t *j = json_loadb(text, len, 0, &err);
    assert_non_null(j);
    assert_int_equal(json_array_size(j), 200001);
    assert_int_equal(strlen(json_string_value(json_array_get(j, 200000))), sizeof big - 1);
    json_decref(j);
    free(text);
}

/* Real numbers: fixed decimals without trailing zeros, no -0, and null
 * for what JSON cannot hold; read back by jansson as the same values. */
static void test_reals(void **state)
{
    (void)state;
    JsonW w;
    jw_init(&w);
    jw_arr(&w);
    jw_real(&w, 12.5, 3);
    jw_real(&w, 0.0448, 6);
    jw_real(&w, 3, 2);
    jw_real(&w, -0.0001, 2);
    jw_real(&w, 2.0 / 3, 4);
    jw_real(&w, 1.0 / 0.0, 2);
    jw_end_arr(&w);
    assert_false(w.failed);
    const char want[] = "[\n  12.5,\n  0.0448,\n  3,\n  0,\n  0.6667,\n  null\n]";
    assert_int_equal(w.len, strlen(want));
    assert_memory_equal(w.data, want, w.len);
    json_t *j = json_loadb(w.data, w.len, 0, NULL);
    assert_non_null(j);
    assert_true(json_number_value(json_array_get(j, 1)) == 0.0448);
    json_decref(j);
    jw_free(&w);
}

/* The fast path (JW_KEY, JW_STR, jw_member, jw_key_obj, jw_key_arr)
 * writes what the named calls write: jansson's text, indented and compact,
 * at every depth (past the 31 levels whose indent is one copy, too). */
static const JwLit K_NAME = JW_KEY("name"), K_LIST = JW_KEY("list"), K_DEEP = JW_KEY("deep"),
                   K_EMPTY = JW_KEY("empty"), K_WHEN = JW_KEY("when"), V_SNAP = JW_STR("snapshot"),
                   V_VAULT = JW_STR("vault-standard");
#define DEEP 40

static void write_lits(JsonW *w)
{
    jw_obj(w);
    jw_key_lit(w, &K_NAME);
    jw_lit(w, &V_SNAP);
    char *p = jw_member(w, &K_WHEN, 32);        /* a value written in place */
    if (p) {
        memcpy(p, "\"2026-03-15\"", 12);
        jw_wrote(w, p + 12);
    }
    jw_key_arr(w, &K_LIST);
    jw_lit(w, &V_SNAP);
    jw_lit(w, &V_VAULT);
    p = jw_member(w, NULL, 8);                  /* an array's value */
    if (p) {
        memcpy(p, "42", 2);
        jw_wrote(w, p + 2);
    }
    jw_end_arr(w);
    jw_key(w, "by name");
    p = jw_member(w, NULL, 8);                  /* the value of a named key */
    if (p) {
        memcpy(p, "true", 4);
        jw_wrote(w, p + 4);
    }
    jw_key_arr(w, &K_EMPTY);
    jw_end_arr(w);
    jw_key_obj(w, &K_DEEP);
    for (int i = 0; i < DEEP; i++) {
        jw_key_arr(w, &K_LIST);
        jw_lit(w, &V_VAULT);
        jw_obj(w);
        jw_key_lit(w, &K_NAME);
        jw_int(w, i);
        jw_key_obj(w, &K_DEEP);
    }
    jw_key_obj(w, &K_EMPTY);
    jw_end_obj(w);
    for (int i = 0; i < DEEP; i++) {
        jw_end_obj(w);
        jw_end_obj(w);
        jw_end_arr(w);
    }
    jw_end_obj(w);
    jw_end_obj(w);
}

static json_t *build_lits(void)
{
    json_t *doc = json_object();
    json_object_set_new(doc, "name", json_string("snapshot"));
    json_object_set_new(doc, "when", json_string("2026-03-15"));
    json_t *list = json_array();
    json_array_append_new(list, json_string("snapshot"));
    json_array_append_new(list, json_string("vault-standard"));
    json_array_append_new(list, json_integer(42));
    json_object_set_new(doc, "list", list);
    json_object_set_new(doc, "by name", json_true());
    json_object_set_new(doc, "empty", json_array());
    json_t *deep = json_object();
    json_object_set_new(doc, "deep", deep);
    for (int i = 0; i < DEEP; i++) {
        json_t *a = json_array(), *o = json_object(), *next = json_object();
        json_array_append_new(a, json_string("vault-standard"));
        json_object_set_new(o, "name", json_integer(i));
        json_object_set_new(o, "deep", next);
        json_array_append_new(a, o);
        json_object_set_new(deep, "list", a);
        deep = next;
    }
    json_object_set_new(deep, "empty", json_object());
    return doc;
}

static void test_literals(void **state)
{
    (void)state;
    json_t *tree = build_lits();
    const size_t modes[] = {JSON_INDENT(2), JSON_COMPACT};
    const unsigned flags[] = {0, JW_COMPACT};
    for (int m = 0; m < 2; m++) {
        char *want = json_dumps(tree, modes[m] | JSON_PRESERVE_ORDER);
        JsonW w;
        jw_init(&w);
        w.flags = flags[m];
        write_lits(&w);
        jw_raw(&w, "", 1);
        assert_false(w.failed);
        assert_string_equal(w.data, want);
        jw_free(&w);
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        assert_non_null(f);
        jw_init_file(&w, f, flags[m]);
        write_lits(&w);
        assert_int_equal(jw_finish(&w), 0);
        assert_int_equal(fclose(f), 0);
        assert_int_equal(len, strlen(want));
        assert_memory_equal(text, want, len);
        free(text);
        free(want);
    }
    json_decref(tree);
    assert_int_equal(K_NAME.len, strlen("\"name\": "));
    assert_int_equal(V_VAULT.len, strlen("\"vault-standard\""));
}

static void test_write_error(void **state)
{
    (void)state;
    FILE *full = fopen("/dev/full", "w");
    if (!full)
        skip();
    JsonW w;
    jw_init_file(&w, full, 0);
    write_doc(&w);
    assert_int_equal(jw_finish(&w), -1);
    fclose(full);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jansson_layout),
        cmocka_unit_test(test_bounded_chunks),
        cmocka_unit_test(test_reals),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_literals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
