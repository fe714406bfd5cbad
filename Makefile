# bkpc — a compiler and interpreter for Azure VM backup policies.
#
#   make            build build/bkpc (installs missing build dependencies first)
#   make run        build, then compile examples/prod-vms.bkp to its REST body
#                   (standard output holds only the body; build steps go to stderr)
#   make install    install into $(DESTDIR)$(PREFIX) (default /usr/local): the
#                   binary, the man pages, shell completions, editor files
#   make uninstall  remove what make install installed
#   make check      build and run every test (unit, golden, validators)
#   make asan-check the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind-check
#                   the command-line suites with every bkpc run under
#                   valgrind's memcheck: no error, no leak (slow; not in check)
#   make bench      the benchmarks in bench/ (not part of check)
#   make fuzz       the libFuzzer harnesses of tests/fuzz/ (clang), built into
#                   $(BUILD)/fuzz/ and run FUZZ_SECONDS each (default 60), or
#                   only FUZZ_TARGET (compile, emit, interp, import, fmt, diff, lsp)
#   make fuzz-smoke each harness over its seed corpus, then a few seconds of
#                   fuzzing (.ci/run runs it); both skip without clang
#   make clean
#
# Build output goes to $(BUILD) (default build/); nothing generated is committed.

BUILD    ?= build
CC       ?= cc
SHARED   ?= ../shared
PREFIX   ?= /usr/local
DESTDIR  ?=
OPT      ?= -O2 -g
SAN      ?=

CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
            -Wshadow -Wwrite-strings -Wformat=2 -Wno-format-nonliteral
GENWARN  := -Wall -Wno-unused-function -Wno-unused-parameter -Wno-sign-compare \
            -Wno-unused-but-set-variable -Wno-missing-prototypes
# pkg-config runs when a recipe needs it, i.e. after the dependency check.
DEPCFLAGS = $(shell pkg-config --cflags jansson icu-i18n icu-uc)
DEPLIBS   = $(shell pkg-config --libs jansson icu-i18n icu-uc)
CPPFLAGS := -Iinclude -Isrc -I$(BUILD)/gen
CFLAGS_ALL = $(CSTD) $(OPT) $(SAN) $(CPPFLAGS) $(DEPCFLAGS) -MMD -MP

# The library, stage by stage (src/base -> src/front -> src/check -> src/model
# -> src/fmt (the formatter), src/emit, src/interp -> src/cost (storage and
# cost), src/prove (require clauses proved), src/import (JSON -> checked
# policies), src/diff (what a change does); src/diag renders diagnostics;
# src/lsp, the language server, uses them all); src/cli is the command line
# on top.
STAGES   := base diag front check model fmt emit interp cost prove import diff lsp
LIB_SRC  := $(sort $(wildcard src/*.c $(STAGES:%=src/%/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
GEN_SRC  := $(BUILD)/gen/parser.c $(BUILD)/gen/lexer.c
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/parser.o $(BUILD)/obj/gen/lexer.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
DEPS_OK  := $(BUILD)/.deps-ok

.PHONY: all run check unit golden asan-check valgrind-check bench clean deps test-deps install uninstall \
        fuzz fuzz-smoke fuzz-bins
all: $(BUILD)/bkpc

# --- dependencies -----------------------------------------------------------
$(DEPS_OK): scripts/install-deps.sh
	@scripts/install-deps.sh
	@mkdir -p $(BUILD) && touch $@
deps: $(DEPS_OK)
test-deps: $(DEPS_OK)
	@scripts/install-deps.sh --all

# --- generated scanner and parser --------------------------------------------
$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y $(DEPS_OK)
	@mkdir -p $(BUILD)/gen
	bison -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<
# The scanner: grammar/lexer.l with a rule per keyword of keywords.def.
$(BUILD)/gen/lexer.l: grammar/lexer.l include/bkpc/keywords.def scripts/gen-keyword-rules.py $(DEPS_OK)
	@mkdir -p $(BUILD)/gen
	python3 scripts/gen-keyword-rules.py grammar/lexer.l include/bkpc/keywords.def $@
$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: $(BUILD)/gen/lexer.l
	flex --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# The rule reference: docs/rules/*.md as the rows of a C table (ruledoc.h).
# The directory is a prerequisite too, so adding or removing a page rebuilds it.
RULE_DOCS := $(sort $(wildcard docs/rules/*.md))
$(BUILD)/gen/rule_docs.inc: scripts/gen-rule-docs.py scripts/embed.py docs/rules $(RULE_DOCS) $(DEPS_OK)
	@mkdir -p $(BUILD)/gen
	python3 scripts/gen-rule-docs.py $@ $(RULE_DOCS)
$(BUILD)/obj/src/diag/ruledoc.o: $(BUILD)/gen/rule_docs.inc

# bkpc cost's bundled price table: data/prices.json as a C string.
$(BUILD)/gen/prices.inc: scripts/embed.py data/prices.json $(DEPS_OK)
	@mkdir -p $(BUILD)/gen
	python3 scripts/embed.py bundled_prices $@ data/prices.json
$(BUILD)/obj/src/cost/prices.o: $(BUILD)/gen/prices.inc

# The generated files get relaxed warnings (nftables' libparser idea).
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(GENWARN) -c -o $@ $<

# --- hand-written code: -Werror ------------------------------------------------
$(BUILD)/obj/%.o: %.c $(DEPS_OK) | $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(WARN) -c -o $@ $<

$(BUILD)/libbkpc.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# bkpc itself links jansson, ICU (with its data) and the C++ runtime ICU
# needs statically when their archives are installed (Debian's -dev packages
# ship them): a one-policy check then starts in about a tenth of the
# instructions of nine shared libraries' loading and symbol binding
# (bench/README.md). The binary is larger (ICU's data, ~30 MB, of which a
# run reads only the pages it uses). Sanitizer builds, the unit tests and the
# fuzz harnesses link the shared libraries.
STATIC_ARCHIVES := libjansson.a libicui18n.a libicuuc.a libicudata.a libstdc++.a
STATIC_OK = $(if $(SAN),,$(if $(strip $(foreach a,$(STATIC_ARCHIVES),\
              $(if $(wildcard $(shell $(CC) -print-file-name=$(a))),,missing))),,yes))
STATIC_LIBS := -Wl,-Bstatic -ljansson -licui18n -licuuc -licudata -lstdc++ -Wl,-Bdynamic \
               -static-libgcc -lpthread -lm
BKPC_LIBS = $(if $(STATIC_OK),$(STATIC_LIBS),$(DEPLIBS) -lm)

$(BUILD)/bkpc: $(CLI_OBJ) $(BUILD)/libbkpc.a
	$(CC) $(OPT) $(SAN) -o $@ $(CLI_OBJ) $(BUILD)/libbkpc.a $(BKPC_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbkpc.a $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(WARN) -Wno-missing-prototypes -o $@ $< $(BUILD)/libbkpc.a \
	    $(shell pkg-config --libs cmocka) $(DEPLIBS) -lm

# --- running -------------------------------------------------------------------
# Only the body on standard output: the build runs silently, anything it
# prints goes to standard error, and the command itself is not echoed.
run:
	@$(MAKE) -s --no-print-directory $(BUILD)/bkpc >&2
	@$(BUILD)/bkpc build -t json examples/prod-vms.bkp

unit: $(UNIT_BIN)
	@BUILD=$(BUILD) tests/run-unit.sh $(UNIT_BIN)

golden: $(BUILD)/bkpc
	@BKPC=$(BUILD)/bkpc SHARED=$(SHARED) tests/run-golden.sh

check: test-deps $(BUILD)/bkpc $(UNIT_BIN)
	@BUILD=$(BUILD) BKPC=$(BUILD)/bkpc SHARED=$(SHARED) tests/run-all.sh $(UNIT_BIN)

# A sanitizer report exits 86, a status no test expects from bkpc (1 is an
# ordinary diagnostic exit); options already in the environment are kept.
asan-check:
	ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}exitcode=86" \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:+$$UBSAN_OPTIONS:}exitcode=86" \
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check

# The golden suites and the runners of tests/extra that drive the command
# line (not those that run other programs on its output: editors, scripts).
VALGRIND_RUNNERS := cli diagout facts paths rest robust rules
valgrind-check: $(BUILD)/bkpc
	@BUILD=$(BUILD) BKPC=$(BUILD)/bkpc SHARED=$(SHARED) tests/valgrind.sh $(VALGRIND_RUNNERS)

bench: $(BUILD)/bkpc
	bench/run.sh $(BUILD)/bkpc
	bench/simulate/run.sh $(BUILD)/bkpc
	bench/fleet/run.sh $(BUILD)/bkpc
	bench/lsp/run.sh $(BUILD)/bkpc

clean:
	rm -rf build

# --- fuzzing ---------------------------------------------------------------------
# The library again, built by clang with libFuzzer's coverage and ASan+UBSan
# (a make of its own with BUILD=$(FUZZ_BUILD)), and one binary per
# tests/fuzz/fuzz_NAME.c. tests/fuzz/run.sh finds clang (FUZZ_CC), says the
# harnesses were skipped when it has no libFuzzer, builds (fuzz-bins) and
# runs them; tests/fuzz/README.md has the details and the figures.
FUZZ_BUILD   := $(BUILD)/fuzz
FUZZ_NAMES   := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz-%)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OPT     := -O2 -g -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60
FUZZ_TARGET  ?=
FUZZ_CC      ?= clang

fuzz fuzz-smoke:
	@MAKE="$(MAKE)" BUILD="$(BUILD)" FUZZ_CC="$(FUZZ_CC)" FUZZ_SECONDS="$(FUZZ_SECONDS)" \
	    FUZZ_TARGET="$(FUZZ_TARGET)" tests/fuzz/run.sh $(@:fuzz-%=%) $(FUZZ_NAMES)

fuzz-bins: $(FUZZ_BINS)
# Always asked of the library's own make, which knows when it is up to date.
$(FUZZ_BUILD)/libbkpc.a: FORCE
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT="$(FUZZ_OPT)" \
	    SAN="$(FUZZ_SAN) -fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=tests/fuzz/nocov.txt" $@
$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libbkpc.a
	$(FUZZ_CC) $(CSTD) $(FUZZ_OPT) $(FUZZ_SAN) -fsanitize=fuzzer $(CPPFLAGS) $(DEPCFLAGS) $(WARN) \
	    -o $@ $< tests/fuzz/fuzz.c $(FUZZ_BUILD)/libbkpc.a $(DEPLIBS) -lm
.PHONY: FORCE
FORCE:

# --- installing ----------------------------------------------------------------
# Each line: a file of the tree, then where it goes under $(DESTDIR)$(PREFIX).
# Editors find their files there by themselves where they have a standard
# place (Neovim: share/nvim/site; Emacs: share/emacs/site-lisp; a vim built
# with this prefix: share/vim/vimfiles); the VS Code extension goes to
# share/bkpc/editors/vscode (see editors/README.md).
VIM_FILES := ftdetect/bkp.vim ftplugin/bkp.vim syntax/bkp.vim compiler/bkpc.vim
VSCODE_FILES := package.json package-lock.json extension.js language-configuration.json \
                syntaxes/bkp.tmLanguage.json README.md
INSTALL_DATA := \
    docs/bkpc.1:share/man/man1/bkpc.1 \
    docs/bkp.5:share/man/man5/bkp.5 \
    completions/bkpc.bash:share/bash-completion/completions/bkpc \
    completions/_bkpc:share/zsh/site-functions/_bkpc \
    completions/bkpc.fish:share/fish/vendor_completions.d/bkpc.fish \
    editors/emacs/bkp-mode.el:share/emacs/site-lisp/bkp-mode.el \
    $(foreach f,$(VIM_FILES),editors/vim/$(f):share/vim/vimfiles/$(f) editors/vim/$(f):share/nvim/site/$(f)) \
    editors/vim/lua/bkpc/lsp.lua:share/nvim/site/lua/bkpc/lsp.lua \
    $(foreach f,$(VSCODE_FILES),editors/vscode/$(f):share/bkpc/editors/vscode/$(f)) \
    data/prices.json:share/bkpc/prices.json \
    LICENSE:share/doc/bkpc/LICENSE
INSTALL_ROOT = $(DESTDIR)$(PREFIX)

install: $(BUILD)/bkpc
	install -d "$(INSTALL_ROOT)/bin"
	install -m 755 $(BUILD)/bkpc "$(INSTALL_ROOT)/bin/bkpc"
	@set -e; for pair in $(INSTALL_DATA); do \
	    src=$${pair%%:*}; dst="$(INSTALL_ROOT)/$${pair#*:}"; \
	    echo "install -m 644 $$src $$dst"; \
	    install -d "$${dst%/*}"; install -m 644 "$$src" "$$dst"; \
	done

# Removes the files, then the directories of this package that are left empty
# (never a directory another package shares, such as share/man/man1).
uninstall:
	rm -f "$(INSTALL_ROOT)/bin/bkpc"
	@for pair in $(INSTALL_DATA); do \
	    dst="$(INSTALL_ROOT)/$${pair#*:}"; echo "rm -f $$dst"; rm -f "$$dst"; \
	done
	@for d in share/bkpc/editors/vscode/syntaxes share/bkpc/editors/vscode share/bkpc/editors \
	    share/bkpc share/doc/bkpc share/nvim/site/lua/bkpc; do \
	    rmdir "$(INSTALL_ROOT)/$$d" 2>/dev/null || true; \
	done

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)
