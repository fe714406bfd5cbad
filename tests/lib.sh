# tests/lib.sh — shared by the shell test runners, which source it from the
# repository root:
#
#     . "$(dirname "$0")/../lib.sh"        (tests/extra/*.sh; run-golden.sh alike)
#
# It sets BKPC (made absolute: the runners cd into test directories),
# SHARED (default ../shared), tools (tests/tools, absolute) and tmp (a
# temporary directory, removed on exit), and defines
#
#   ok                  count a passed check
#   ko MESSAGE...       count a failed check and print "FAIL MESSAGE"
#   summary             print "N passed, N failed" (the runner's last line);
#                       its status is 0 when nothing failed
#   t NAME STATUS CMD...
#                       run CMD with its output in $tmp/out and $tmp/err;
#                       ok when it exits with exactly STATUS (so a
#                       sanitizer's 86 fails)
#   has NAME FILE TEXT  ok when FILE holds TEXT;   hasnt: when it does not
#   npm_tools PKG...    0 when tests/tools/node_modules holds every PKG, after
#                       `npm ci` there if needed (its output in $tmp/npm)
#   report FILE         count each "ok NAME" line of FILE as passed and each
#                       "FAIL WHY" line as failed (ko); print its other lines
#   editor_fixture DIR  the files the editor tests open, written into DIR:
#                       prod-vms.bkp, comments.bkp (comments only),
#                       nginx.conf.bkp (a backup copy, no policy), ab.bkp (bare
#                       clauses), late.bkp (a warning), "it's bad.bkp" (errors
#                       after a tab and an é), syntax.bkp (for highlighting);
#                       and $tmp/bin/bkpc: $BKPC, so that an editor finds
#                       `bkpc` (and `bkpc lsp`) on the PATH
#   build_all TARGET EXT LIST
#                       build every examples/*.bkp and tests/hostile/*.bkp
#                       with `bkpc build -t TARGET` (each from its own
#                       directory) into $tmp/TARGET/NAME.EXT, the hostile ones
#                       as hostile-NAME.EXT; checks that each builds (ok/ko)
#                       and that a second run prints the same (ok/ko), and
#                       appends "SCRIPT<tab>BKP" to the file LIST for each
#                       script built.
#   no_payload_files WHEN
#                       ok, or ko "WHEN" with the paths, when the working
#                       tree holds a file named after a payload of the
#                       hostile corpus (its names would run `touch pwned-N`:
#                       a name holding "pwned").
set -u
BKPC=${BKPC:-build/bkpc}
case $BKPC in /*) ;; *) BKPC=$(pwd)/$BKPC ;; esac
SHARED=${SHARED:-../shared}
tools=$(pwd)/tests/tools
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
summary() {
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}

t() {
    _name=$1 _want=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    _rc=$?
    if [ "$_rc" = "$_want" ]; then ok; else
        ko "$_name: exit $_rc, expected $_want"; head -5 "$tmp/err"; fi
}
has() {
    if grep -qF -- "$3" "$2"; then ok; else
        ko "$1: no '$3' in $(basename "$2")"; head -5 "$2"; fi
}
hasnt() {
    if grep -qF -- "$3" "$2"; then ko "$1: '$3' in $(basename "$2")"; head -5 "$2"; else ok; fi
}
npm_tools() {
    for _p in "$@"; do
        [ -d "$tools/node_modules/$_p" ] || {
            (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >"$tmp/npm" 2>&1)
            return
        }
    done
}

report() {
    while read -r _word _rest; do
        case $_word in
        ok) ok ;;
        FAIL) ko "$_rest" ;;
        *) echo "$_word $_rest" ;;
        esac
    done <"$1"
}

editor_fixture() {
    mkdir -p "$1" "$tmp/bin"
    cp examples/prod-vms.bkp "$1/"
    printf '# only comments\n\n# so far\n' >"$1/comments.bkp"
    printf '# backup of the web server config\nuser www-data;\nevents {\n}\n' >"$1/nginx.conf.bkp"
    printf 'daily at 02:00\n' >"$1/ab.bkp"
    printf 'policy late-vms { every 4h from 20:00 for 4h }\n' >"$1/late.bkp"
    printf 'policy tab-vms {\n\ttimezone "\303\251" daily at 02:15\n}\nprotect vm web resource-group rg with nope\n' \
        >"$1/it's bad.bkp"
    cat >"$1/syntax.bkp" <<'BKP'
policy crash {
    enhanced   # TODO type
    timezone "India \"Standard\" Time"
    every 4h from 08:00 for 24h
    keep monthly 60m on first SUN; keep yearly 10 years in Jan on day 1, last
}
protect vm daily resource-group rg-x with weekly
BKP
    ln -sf "$BKPC" "$tmp/bin/bkpc"
}

build_all() {
    _target=$1 _ext=$2 _list=$3
    mkdir -p "$tmp/$_target"
    for _bkp in examples/*.bkp tests/hostile/*.bkp; do
        [ -e "$_bkp" ] || continue
        _base=$(basename "$_bkp" .bkp)
        case $_bkp in
        tests/hostile/*) _out=$tmp/$_target/hostile-$_base.$_ext ;;
        *) _out=$tmp/$_target/$_base.$_ext ;;
        esac
        if (cd "$(dirname "$_bkp")" && "$BKPC" build -t "$_target" "$_base.bkp") >"$_out" 2>"$tmp/err"; then
            ok
            printf '%s\t%s\n' "$_out" "$_bkp" >>"$_list"
        else
            ko "bkpc build -t $_target $_bkp"
            cat "$tmp/err"
        fi
        if (cd "$(dirname "$_bkp")" && "$BKPC" build -t "$_target" "$_base.bkp") 2>/dev/null | cmp -s - "$_out"; then
            ok
        else
            ko "bkpc build -t $_target $_bkp: two runs differ"
        fi
    done
}

no_payload_files() {
    find . -path ./.git -prune -o -name '*pwned*' -print >"$tmp/pwned"
    if [ -s "$tmp/pwned" ]; then
        ko "$1: files named after a payload in the working tree:"
        cat "$tmp/pwned"
    else ok; fi
}
