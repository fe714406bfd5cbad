#!/bin/sh
# bkpc fmt on the command line: the text on standard output, standard
# input, --check (the list and the exit status), -w (in place, atomically,
# the mode kept, through a symbolic link, files already formatted left
# alone), --diff (a unified diff that patch applies), syntax errors
# (nothing formatted, nothing written) and usage errors. The layouts
# themselves are the golden suite tests/fmt/ and tests/unit/test_fmt.c.
. "$(dirname "$0")/../lib.sh"

d=$tmp/w
mkdir -p "$d"
messy() { printf 'policy messy-vms {keep daily 30d   daily at 02:00}  # end\n' >"$1"; }
tidy='policy messy-vms {
    daily at 02:00
    keep daily 30d
}  # end'
canon() { printf 'policy good-vms {\n    daily at 02:00\n}\n' >"$1"; }
broken() { printf 'policy broken {\n    daily at\n}\n' >"$1"; }
same() {   # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else ko "$1: got [$2], expected [$3]"; fi
}
mode() { stat -c %a "$1"; }
inode() { stat -c %i "$1"; }

# --- usage --------------------------------------------------------------------------
t help 0 "$BKPC" fmt --help;               has help "$tmp/out" "usage: bkpc fmt"
t help-cmd 0 "$BKPC" help fmt;             has help-cmd "$tmp/out" "--check"
t listed 0 "$BKPC" --help;                 has listed "$tmp/out" "  fmt "
t no-file 2 "$BKPC" fmt;                   has no-file "$tmp/err" "no input file"
t check-and-write 2 "$BKPC" fmt --check -w "$d/x.bkp"
t write-stdin 2 "$BKPC" fmt -w -;          has write-stdin "$tmp/err" "standard input"
t unknown-option 2 "$BKPC" fmt --frob "$d/x.bkp"
t missing 2 "$BKPC" fmt "$d/nope.bkp";     has missing "$tmp/err" "cannot read"

# --- the text on standard output ---------------------------------------------------
messy "$d/m.bkp"
cp "$d/m.bkp" "$d/m.orig"
t stdout 0 "$BKPC" fmt "$d/m.bkp"
same stdout "$(cat "$tmp/out")" "$tidy"
if cmp -s "$d/m.bkp" "$d/m.orig"; then ok; else ko "stdout: the file changed"; fi
canon "$d/c.bkp"
t two-files 0 "$BKPC" fmt "$d/m.bkp" "$d/c.bkp"
same two-files "$(cat "$tmp/out")" "$tidy
$(cat "$d/c.bkp")"
printf 'keep daily 7d daily at 01:00 # bare\n' | "$BKPC" fmt - >"$tmp/out" 2>"$tmp/err"
same stdin-status $? 0
same stdin "$(cat "$tmp/out")" "daily at 01:00  # bare
keep daily 7d"
t no-out-option 2 "$BKPC" fmt -o "$d/o.bkp" "$d/m.bkp"   # fmt writes in place or to stdout
"$BKPC" fmt "$d/m.bkp" >/dev/full 2>"$tmp/err"
same stdout-full $? 2
has stdout-full "$tmp/err" "cannot write standard output"

# --- syntax errors: diagnostics, exit 1, nothing formatted -------------------------
broken "$d/b.bkp"
cp "$d/b.bkp" "$d/b.orig"
t broken 1 "$BKPC" fmt "$d/b.bkp";         has broken "$tmp/err" "b.bkp:3:1: error[syntax]"
same broken-stdout "$(cat "$tmp/out")" ""
t broken-write 1 "$BKPC" fmt -w "$d/b.bkp" "$d/m.bkp"
if cmp -s "$d/b.bkp" "$d/b.orig"; then ok; else ko "broken-write: the broken file changed"; fi
same broken-write-others "$(cat "$d/m.bkp")" "$tidy"    # the others are still formatted
cp "$d/m.orig" "$d/m.bkp"

# --- --check ----------------------------------------------------------------------------
t check-canonical 0 "$BKPC" fmt --check "$d/c.bkp"
same check-canonical-quiet "$(cat "$tmp/out")" ""
t check-messy 1 "$BKPC" fmt --check "$d/c.bkp" "$d/m.bkp" "$d/c.bkp"
same check-list "$(cat "$tmp/out")" "$d/m.bkp"
if cmp -s "$d/m.bkp" "$d/m.orig"; then ok; else ko "check: the file changed"; fi
t check-broken 1 "$BKPC" fmt --check "$d/b.bkp"; has check-broken "$tmp/err" "error[syntax]"
same check-broken-unlisted "$(cat "$tmp/out")" ""
t check-missing 2 "$BKPC" fmt --check "$d/m.bkp" "$d/nope.bkp"
printf 'daily at 01:00\n' | "$BKPC" fmt --check - >"$tmp/out" 2>&1
same check-stdin-status $? 0
printf 'daily at  01:00\n' | "$BKPC" fmt --check - >"$tmp/out" 2>&1
same check-stdin-messy $? 1
same check-stdin-name "$(cat "$tmp/out")" "<stdin>"

# --- -w ---------------------------------------------------------------------------------
chmod 640 "$d/m.bkp"
before=$(inode "$d/m.bkp")
t write 0 "$BKPC" fmt -w "$d/m.bkp"
same write-quiet "$(cat "$tmp/out")" ""
same write-text "$(cat "$d/m.bkp")" "$tidy"
if printf '%s\n' "$tidy" | cmp -s - "$d/m.bkp"; then ok; else ko "write: not the exact bytes"; fi
same write-mode "$(mode "$d/m.bkp")" 640
# atomic: a new file renamed over the old one, no temporary file left
if [ "$(inode "$d/m.bkp")" != "$before" ]; then ok; else ko "write: rewritten in place, not renamed"; fi
same write-no-temp "$(ls "$d" | grep -c '\.bkp\.')" 0
t write-again 0 "$BKPC" fmt --check "$d/m.bkp"
# a formatted file is left alone (same inode), whatever the umask
before=$(inode "$d/c.bkp")
t write-canonical 0 "$BKPC" fmt -w "$d/c.bkp"
same write-canonical-untouched "$(inode "$d/c.bkp")" "$before"
# the mode exactly, whatever the umask: executable, group-writable
messy "$d/x.bkp"
chmod 775 "$d/x.bkp"
(umask 077 && "$BKPC" fmt -w "$d/x.bkp")
same write-mode-umask "$(mode "$d/x.bkp")" 775
# through a symbolic link: the target is rewritten, the link stays a link
mkdir -p "$d/real" "$d/links"
messy "$d/real/t.bkp"
ln -s ../real/t.bkp "$d/links/l.bkp"
t write-link 0 "$BKPC" fmt -w "$d/links/l.bkp"
if [ -L "$d/links/l.bkp" ]; then ok; else ko "write-link: the link was replaced"; fi
same write-link-target "$(cat "$d/real/t.bkp")" "$tidy"
same write-link-temp "$(ls "$d/links" "$d/real" | grep -c '\.bkp\.')" 0
# a directory that cannot hold the temporary file: nothing written
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$d/ro"
    messy "$d/ro/r.bkp"
    chmod 555 "$d/ro"
    t write-readonly-dir 2 "$BKPC" fmt -w "$d/ro/r.bkp"; has write-readonly-dir "$tmp/err" "cannot write"
    chmod 755 "$d/ro"
    same write-readonly-untouched "$(cat "$d/ro/r.bkp")" "$(messy /dev/stdout)"
else
    echo "fmt: the read-only directory is not tested: root writes there anyway"
fi

# --- --diff ---------------------------------------------------------------------------
cp "$d/m.orig" "$d/m.bkp"
t diff 0 "$BKPC" fmt --diff "$d/m.bkp"
has diff-header "$tmp/out" "--- $d/m.bkp"
has diff-hunk "$tmp/out" "@@ -1 +1,4 @@"
has diff-minus "$tmp/out" "-policy messy-vms {keep daily 30d   daily at 02:00}  # end"
has diff-plus "$tmp/out" "+    keep daily 30d"
if cmp -s "$d/m.bkp" "$d/m.orig"; then ok; else ko "diff: the file changed"; fi
# the diff is a patch: applied to the file, it gives the formatted text
if command -v patch >/dev/null 2>&1; then
    (cd "$d" && "$BKPC" fmt --diff m.bkp >m.patch && patch -s -p0 <m.patch) >"$tmp/err" 2>&1 ||
        { ko "patch:"; cat "$tmp/err"; }
    same diff-applies "$(cat "$d/m.bkp")" "$tidy"
    cp "$d/m.orig" "$d/m.bkp"
else
    echo "fmt: the diff is not applied: patch is not installed"
fi
t diff-canonical 0 "$BKPC" fmt --diff "$d/c.bkp"
same diff-canonical-empty "$(cat "$tmp/out")" ""
t check-diff 1 "$BKPC" fmt --check --diff "$d/c.bkp" "$d/m.bkp"
same check-diff-no-list "$(head -n 1 "$tmp/out")" "--- $d/m.bkp"
t write-diff 0 "$BKPC" fmt -w --diff "$d/m.bkp"
has write-diff "$tmp/out" "+    daily at 02:00"
same write-diff-text "$(cat "$d/m.bkp")" "$tidy"
# a file without a final newline
printf 'daily at 01:00' >"$d/n.bkp"
t diff-no-newline 0 "$BKPC" fmt --diff "$d/n.bkp"
has diff-no-newline "$tmp/out" '\ No newline at end of file'

# the examples are in the canonical layout (examples/README.md says so)
t examples 0 "$BKPC" fmt --check examples/*.bkp
same examples-list "$(cat "$tmp/out")" ""

summary
