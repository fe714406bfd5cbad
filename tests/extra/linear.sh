#!/bin/sh
# bkpc check takes time linear in the size of its input, for every shape a
# hostile or broken file can have: runs of NUL (alone, in a comment, in a
# string), one huge line, a huge string, a list of many items, many errors
# on one line, one error on each of many lines, many pasted characters, a
# file that is not UTF-8, a big UTF-16 file, a long chain of templates, a
# long cycle of them, many policies made from one template with a
# requirement (proved once). Each shape is built at sizes
# n, 2n and 4n, and the instructions bkpc executes are counted (valgrind's
# callgrind: a count, not a time, so a busy machine does not change it).
# What the second doubling adds must be about twice what the first one
# added, whatever the fixed costs (a ratio of 1.6 to 2.5; a quadratic path
# gives 4).
# Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "linear: skipped: valgrind is not installed (scripts/install-deps.sh --all)"
    summary
    exit
fi
# Under `make asan-check` the binary carries AddressSanitizer, which valgrind
# cannot run (and whose counts would not be bkpc's).
if { ldd "$BKPC" 2>/dev/null; nm "$BKPC" 2>/dev/null; } | grep -q 'libasan\|__asan_init'; then
    echo "linear: skipped: $BKPC is built with AddressSanitizer; valgrind counts a plain build (make check)"
    summary
    exit
fi

# The instructions `bkpc check FILE` executes.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BKPC" check "$1" >/dev/null 2>"$tmp/vg"
    sed -n 's/.*Collected : \([0-9][0-9]*\).*/\1/p' "$tmp/vg"
}

# make SHAPE N FILE: the input of shape SHAPE at size N.
make_input() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def text(s):
    return s.encode("utf-8")
out = {
    "nul": lambda: b"\0" * n,
    "nul-in-comment": lambda: b"# " + b"\0" * n + b"\n",
    "nul-in-string": lambda: b'policy "' + b"\0" * n + b'" { daily at 02:00 }\n',
    "huge-line": lambda: text("policy pol { daily at 02:00 " + "keep daily 30d " * (n // 15) + "}\n"),
    "huge-string": lambda: text('policy pol { timezone "' + "a" * n + '" daily at 02:00 }\n'),
    "long-list": lambda: text("policy pol { daily at 02:00 keep monthly 12m on day " + ", ".join(["1"] * (n // 3)) + " }\n"),
    "errors-on-one-line": lambda: text("policy pol { weekly on " + ", ".join(["xx"] * (n // 4)) + " at 02:00 }\n"),
    "error-per-line": lambda: text("".join("policy pol%d { daily at 02:15 }\n" % i for i in range(n // 32))),
    "pasted": lambda: text("policy web" + "\u2013" * (n // 3) + "tier { daily at 02:00 }\n"),
    "not-utf8": lambda: b"# caf\xe9\n" * (n // 7),
    "utf16": lambda: b"\xff\xfe" + ("policy pol { daily at 02:00 }\r\n" + "# comment \u00e9\r\n" * (n // 30)).encode("utf-16-le"),
    "template-chain": lambda: text("template t0 { daily at 02:00 require daily points for 7d }\n" +
                                   "".join("template t%d from t%d { }\n" % (i, i - 1) for i in range(1, n // 30)) +
                                   "policy deep from t%d { }\n" % (n // 30 - 1)),
    "template-cycle": lambda: text("".join("template t%d from t%d { }\n" % (i, (i + 1) % (n // 30))
                                           for i in range(n // 30)) + "policy p from t0 { }\n"),
    "policies-from-template": lambda: text("template g { daily at 02:00 keep daily 30d require daily points for 30d }\n" +
                                           "".join("policy pol%d from g { }\n" % i for i in range(n // 25))),
}[shape]()
open(path, "wb").write(out)
PY
}

n=10000
for shape in nul nul-in-comment nul-in-string huge-line huge-string long-list errors-on-one-line \
             error-per-line pasted not-utf8 utf16 template-chain template-cycle policies-from-template; do
    make_input $shape $n "$tmp/a.bkp"
    make_input $shape $((2 * n)) "$tmp/b.bkp"
    make_input $shape $((4 * n)) "$tmp/c.bkp"
    a=$(count "$tmp/a.bkp") b=$(count "$tmp/b.bkp") c=$(count "$tmp/c.bkp")
    if [ -z "$a" ] || [ -z "$b" ] || [ -z "$c" ]; then
        ko "$shape: callgrind counted nothing: $(head -3 "$tmp/vg")"
        continue
    fi
    ratio=$(awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN { if (b - a <= 0) print "none"; else printf "%.2f", (c - b) / (b - a) }')
    if awk -v r="$ratio" 'BEGIN { exit !(r != "none" && r >= 1.6 && r <= 2.5) }'; then ok; else
        ko "$shape: the second doubling added $ratio times what the first did ($a, $b, $c instructions)"
    fi
    echo "linear: $shape: x$ratio"
done
summary
