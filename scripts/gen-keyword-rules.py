#!/usr/bin/env python3
"""gen-keyword-rules.py — grammar/lexer.l with a scanner rule per keyword.

    gen-keyword-rules.py LEXER_L KEYWORDS_DEF OUT

Copies LEXER_L to OUT, putting in place of its line `%{KEYWORD_RULES}%`
one rule per keyword of KEYWORDS_DEF (include/bkpc/keywords.def, the one
list of keywords):

    "keep"    { return keyword(tk, BKP_KW_KEEP); }

so flex's tables recognise keywords as they scan (no lookup per word).
A keyword rule comes before the word rule, and flex prefers the longest
match, then the earlier rule: `keep` is the keyword, `keeps` and `keep.x`
are words. Python 3 standard library only.
"""
import re
import sys

MARKER = "%{KEYWORD_RULES}%"


def main():
    lexer, kwdef, out = sys.argv[1:4]
    kws = re.findall(r'^BKP_KW\("([a-z-]+)",\s*(\w+),', open(kwdef).read(), re.M)
    if not kws:
        sys.exit(f"gen-keyword-rules: no BKP_KW lines in {kwdef}")
    text = open(lexer).read()
    if text.count(MARKER + "\n") != 1:
        sys.exit(f"gen-keyword-rules: {lexer} needs one line {MARKER}")
    width = max(len(k) for k, _ in kws) + 3
    rules = "".join(f'{(chr(34) + k + chr(34)).ljust(width)} {{ return keyword(tk, BKP_KW_{t}); }}\n'
                    for k, t in kws)
    with open(out, "w") as f:
        f.write(f"/* generated from {lexer} and {kwdef} by scripts/gen-keyword-rules.py */\n")
        f.write(text.replace(MARKER + "\n", rules))


if __name__ == "__main__":
    main()
