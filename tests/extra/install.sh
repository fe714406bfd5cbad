#!/bin/sh
# make install / make uninstall, the man pages, the shell completions and
# `bkpc complete`, and make run:
#  1. make install into a temporary DESTDIR (with a space in it) puts exactly
#     the expected files, with their modes, equal to their sources; the
#     installed bkpc runs; make uninstall leaves no file behind;
#  2. both man pages render with `man --warnings` without a warning, and
#     `man bkpc` / `man 5 bkp` find them after make install PREFIX=~/.local
#     with only the bin directory on the PATH (MANPATH unset);
#  3. bash completion, sourced and driven through COMP_WORDS (commands,
#     options, -t and --format values, policy names, .bkp files), and found
#     by bash-completion's loader from the PATH; zsh's parsed (zsh -n), fish's
#     driven with `complete -C`; all three against the commands and options
#     `bkpc --help` lists;
#  4. `bkpc complete policies FILE`: names only, hostile ones left out, any
#     file;
#  5. make run: standard output is exactly the REST body even when a build
#     step runs.
# env: BKPC, BUILD. Runs from the repository root.
. "$(dirname "$0")/../lib.sh"
root=$(pwd)
BUILD=${BUILD:-build}
t() {   # t NAME COND...: ok when the command succeeds
    name=$1
    shift
    if "$@"; then ok; else ko "$name"; fi
}
same() {   # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else ko "$1: got [$2], expected [$3]"; fi
}
# The make of the suite hands down its flags (-w, job-server descriptors
# this shell does not have) and its variables (SAN, OPT: an asan-check's
# objects link only with them): keep the variables alone.
case ${MAKEFLAGS:-} in
*"-- "*) MAKEFLAGS="-- ${MAKEFLAGS#*-- }" ;;
*) MAKEFLAGS= ;;
esac
export MAKEFLAGS

# --- 1. make install / uninstall ------------------------------------------------
dest="$tmp/dest dir"
expected="bin/bkpc
share/bash-completion/completions/bkpc
share/bkpc/editors/vscode/README.md
share/bkpc/editors/vscode/extension.js
share/bkpc/editors/vscode/language-configuration.json
share/bkpc/editors/vscode/package-lock.json
share/bkpc/editors/vscode/package.json
share/bkpc/editors/vscode/syntaxes/bkp.tmLanguage.json
share/bkpc/prices.json
share/doc/bkpc/LICENSE
share/emacs/site-lisp/bkp-mode.el
share/fish/vendor_completions.d/bkpc.fish
share/man/man1/bkpc.1
share/man/man5/bkp.5
share/nvim/site/compiler/bkpc.vim
share/nvim/site/ftdetect/bkp.vim
share/nvim/site/ftplugin/bkp.vim
share/nvim/site/lua/bkpc/lsp.lua
share/nvim/site/syntax/bkp.vim
share/vim/vimfiles/compiler/bkpc.vim
share/vim/vimfiles/ftdetect/bkp.vim
share/vim/vimfiles/ftplugin/bkp.vim
share/vim/vimfiles/syntax/bkp.vim
share/zsh/site-functions/_bkpc"
if make -s install BUILD="$BUILD" DESTDIR="$dest" PREFIX=/opt/bkpc >"$tmp/log" 2>&1; then ok; else
    ko "make install DESTDIR=..."; tail -20 "$tmp/log"; fi
got=$(cd "$dest/opt/bkpc" 2>/dev/null && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
same "installed files" "$got" "$expected"
inst="$dest/opt/bkpc"
t "bin/bkpc is mode 755" [ "$(stat -c %a "$inst/bin/bkpc")" = 755 ]
bad_mode=$(cd "$inst" && find share -type f ! -perm 644)
same "share files are mode 644" "$bad_mode" ""
t "the installed bkpc runs" sh -c '"$1" --version >/dev/null' sh "$inst/bin/bkpc"
for pair in docs/bkpc.1:share/man/man1/bkpc.1 docs/bkp.5:share/man/man5/bkp.5 \
    completions/bkpc.bash:share/bash-completion/completions/bkpc \
    editors/vim/syntax/bkp.vim:share/nvim/site/syntax/bkp.vim \
    editors/vscode/extension.js:share/bkpc/editors/vscode/extension.js; do
    t "installed ${pair#*:} is ${pair%%:*}" cmp -s "${pair%%:*}" "$inst/${pair#*:}"
done
if make -s uninstall BUILD="$BUILD" DESTDIR="$dest" PREFIX=/opt/bkpc >"$tmp/log" 2>&1; then ok; else
    ko "make uninstall"; tail -20 "$tmp/log"; fi
left=$(find "$inst" -type f)
same "files left by make uninstall" "$left" ""
t "make uninstall removes share/bkpc" [ ! -e "$inst/share/bkpc" ]

# --- 2. man pages ---------------------------------------------------------------------
for page in docs/bkpc.1 docs/bkp.5; do
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$page" >"$tmp/man.out" 2>"$tmp/man.err"
    if [ $? = 0 ] && [ ! -s "$tmp/man.err" ]; then ok; else ko "man --warnings -l $page:"; head "$tmp/man.err"; fi
    t "$page renders a NAME section" grep -q '^NAME' "$tmp/man.out"
done
home=$tmp/home
if make -s install BUILD="$BUILD" PREFIX="$home/.local" >"$tmp/log" 2>&1; then ok; else
    ko "make install PREFIX=~/.local"; tail -20 "$tmp/log"; fi
for want in "bkpc:man1/bkpc.1" "5 bkp:man5/bkp.5"; do
    # shellcheck disable=SC2086  # "5 bkp" is two arguments
    where=$(env -u MANPATH HOME="$home" PATH="$home/.local/bin:$PATH" man -w ${want%%:*} 2>&1 | head -1)
    same "man -w ${want%%:*} with ~/.local/bin on the PATH" "$where" "$home/.local/share/man/${want#*:}"
done
env -u MANPATH HOME="$home" PATH="$home/.local/bin:$PATH" MANPAGER=cat LC_ALL=C.UTF-8 man bkpc >"$tmp/man.out" 2>&1
t "man bkpc shows the page" grep -q "bkpc check" "$tmp/man.out"

# --- 3. completions ----------------------------------------------------------------
# What bkpc --help lists: the commands, and each command's options.
commands=$("$BKPC" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][-a-z]*\) .*/\1/p')
t "bkpc --help lists commands" [ -n "$commands" ]
options_of() {
    "$BKPC" "$1" --help | sed -n 's/^ *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][-a-z]*\).*/\1\2/p' |
        tr -d ',' | tr ' ' '\n' | sed '/^$/d'
}
bin=$home/.local/bin
bash_comp=$home/.local/share/bash-completion/completions/bkpc
work=$tmp/work
mkdir -p "$work/sub dir"
cp examples/multi-policy.bkp "$work/multi.bkp"
printf 'daily at 02:00\n' >"$work/plain-vms.bkp"
printf 'not a policy\n' >"$work/notes.txt"
# comp WORD...: the completions bash gives for the last WORD (the cursor),
# one a line, sorted.
comp() {
    (cd "$work" && PATH="$bin:$PATH" bash --norc --noprofile -c '
        . "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _bkpc bkpc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' bash "$bash_comp" "$@" | LC_ALL=C sort)
}
has_all() {   # has_all NAME LIST WORDS: every line of WORDS is in LIST
    miss=$(printf '%s\n' "$3" | while read -r w; do
        printf '%s\n' "$2" | grep -qxF -- "$w" || printf '%s ' "$w"; done)
    same "$1: missing" "$miss" ""
}
out=$(cd "$work" && bash --norc --noprofile -c '. "$1"; complete -p bkpc' bash "$bash_comp")
same "bash: complete -p bkpc" "$out" "complete -F _bkpc bkpc"
has_all "bash: commands" "$(comp bkpc '')" "$commands"
same "bash: a command's start" "$(comp bkpc bui)" "build"
for c in $commands; do
    has_all "bash: options of $c" "$(comp bkpc "$c" -)" "$(options_of "$c")"
done
same "bash: -t" "$(comp bkpc build -t '')" "$(printf 'azcli\njson\nps1')"
same "bash: --target j" "$(comp bkpc build --target j)" "json"
for c in explain next simulate; do
    same "bash: $c --format" "$(comp bkpc "$c" --format '')" "$(printf 'json\ntext')"
done
same "bash: cost --format" "$(comp bkpc cost --format '')" "$(printf 'csv\njson\ntext')"
same "bash: cost --redundancy" "$(comp bkpc cost --redundancy '')" "$(printf 'GRS\nLRS\nRA-GRS\nZRS')"
same "bash: --policy after the file" "$(comp bkpc build multi.bkp --policy '')" \
    "$(printf 'db-tier\nfileshare-weekly\nweb-tier')"
same "bash: --policy=, file after -o" "$(comp bkpc explain -o x.json multi.bkp --policy = w)" "web-tier"
same "bash: -p of a bare-clause file" "$(comp bkpc next plain-vms.bkp -p '')" "plain-vms"
same "bash: --policy with no file" "$(comp bkpc build --policy '')" ""
same "bash: .bkp files and directories" "$(comp bkpc check '')" "$(printf 'multi.bkp\nplain-vms.bkp\nsub dir')"
same "bash: help COMMAND" "$(comp bkpc help s)" "simulate"
if [ -f /usr/share/bash-completion/bash_completion ]; then
    out=$(cd "$work" && env -u BASH_COMPLETION_USER_DIR -u XDG_DATA_HOME HOME="$home" PATH="$bin:$PATH" \
        bash --norc --noprofile -c '. /usr/share/bash-completion/bash_completion
            _completion_loader bkpc; complete -p bkpc' 2>&1)
    same "bash-completion loads it from ~/.local/share" "$out" "complete -F _bkpc bkpc"
else
    echo "install: bash-completion's loader not tested: the bash-completion package is not installed"
fi

zsh_comp=$home/.local/share/zsh/site-functions/_bkpc
fish_comp=$home/.local/share/fish/vendor_completions.d/bkpc.fish
# zsh's cannot be driven here: its file names every command and option.
for w in $commands; do
    t "_bkpc completes the command $w" grep -qw -- "$w" "$zsh_comp"
done
for c in $commands; do
    for o in $(options_of "$c"); do
        t "_bkpc knows $c's option $o" grep -qF -- "$o" "$zsh_comp"
    done
done
if command -v zsh >/dev/null 2>&1; then
    if zsh -n "$zsh_comp" 2>"$tmp/err"; then ok; else ko "zsh -n _bkpc"; cat "$tmp/err"; fi
else
    echo "install: zsh completion not checked: zsh is not installed (scripts/install-deps.sh --all)"
fi
if command -v fish >/dev/null 2>&1; then
    if fish --no-execute "$fish_comp" 2>"$tmp/err"; then ok; else ko "fish --no-execute bkpc.fish"; cat "$tmp/err"; fi
    fcomp() {   # fcomp LINE: fish's completions of LINE, first fields, sorted
        (cd "$work" && PATH="$bin:$PATH" fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
            "$fish_comp" "$1" | cut -f1 | LC_ALL=C sort)
    }
    has_all "fish: commands" "$(fcomp 'bkpc ')" "$commands"
    same "fish: -t" "$(fcomp 'bkpc build -t ')" "$(printf 'azcli\njson\nps1')"
    same "fish: --format" "$(fcomp 'bkpc next --format ')" "$(printf 'json\ntext')"
    same "fish: cost --format" "$(fcomp 'bkpc cost --format ')" "$(printf 'csv\njson\ntext')"
    same "fish: --policy" "$(fcomp 'bkpc build multi.bkp --policy ')" "$(printf 'db-tier\nfileshare-weekly\nweb-tier')"
    has_all "fish: .bkp files" "$(fcomp 'bkpc check ')" "$(printf 'multi.bkp\nplain-vms.bkp')"
    same "fish: no other files" "$(fcomp 'bkpc check ' | grep -c notes.txt)" 0
    for c in $commands; do
        has_all "fish: options of $c" "$(fcomp "bkpc $c -")" "$(options_of "$c")"
    done
else
    echo "install: fish completion not checked: fish is not installed (scripts/install-deps.sh --all)"
fi

# --- 4. bkpc complete policies ------------------------------------------------------
same "complete policies" "$("$BKPC" complete policies "$work/multi.bkp")" "$(printf 'web-tier\ndb-tier\nfileshare-weekly')"
printf 'policy good-one { daily at 02:15 }\npolicy "bad\033]0;x\007" { daily at 02:00 }\npolicy "two words" { daily at 02:00 }\npolicy broken { daily at }\n' >"$tmp/hostile.bkp"
same "complete policies: checkable names only, errors or not" \
    "$("$BKPC" complete policies "$tmp/hostile.bkp" 2>&1)" "$(printf 'good-one\nbroken')"
out=$("$BKPC" complete policies "$tmp/nope.bkp" 2>&1); rc=$?
same "complete policies: unreadable file" "$rc:$out" "0:"
out=$(timeout 5 sh -c 'sleep 3 | "$1" complete policies -' sh "$BKPC" 2>&1); rc=$?
same "complete policies -: standard input is not read" "$rc:$out" "0:"
"$BKPC" complete >/dev/null 2>&1; same "complete with no argument" $? 2
t "bkpc --help does not list complete" sh -c '! "$1" --help | grep -q complete' sh "$BKPC"

# --- 5. make run ------------------------------------------------------------------------
# As typed at a shell: not a sub-make (a sub-make prints "Entering directory"
# on standard output, whatever its makefile says).
# A copy of the build without the binary, so that make run links it first.
mkdir -p "$tmp/b"
cp -a "$BUILD/obj" "$BUILD/gen" "$BUILD/libbkpc.a" "$BUILD/.deps-ok" "$tmp/b/"
"$BKPC" build -t json examples/prod-vms.bkp >"$tmp/want.json"
env -u MAKELEVEL make run BUILD="$tmp/b" >"$tmp/run.out" 2>"$tmp/run.err"
same "make run status" $? 0
t "make run: standard output is the body alone" cmp -s "$tmp/run.out" "$tmp/want.json"
t "make run linked bkpc (so a build step ran)" [ -x "$tmp/b/bkpc" ]
env -u MAKELEVEL make run BUILD="$tmp/b" >"$tmp/run.out" 2>/dev/null
t "make run, nothing to build: the body alone" cmp -s "$tmp/run.out" "$tmp/want.json"
cd "$root" || exit 2
summary
