#!/bin/sh
# The CI recipes, as written:
#  1. .github/workflows/bkpc.yml, ci/azure-pipelines.yml and
#     .pre-commit-hooks.yaml parse (PyYAML; yamllint where installed), and
#     the two pipelines have the shape their services need
#     (tests/tools/ci-steps.py check);
#  2. their shell steps, taken from the YAML, run in a throw-away clone with
#     the variables the services set on a pull request: only the files
#     POLICIES names are checked; a broken policy fails `bkpc check` but not
#     the SARIF step; `bkpc diff --fail-on-loss` sees each changed file
#     under its own name against the base branch's version, and fails the
#     run when retention is cut. Until `bkpc diff`, `bkpc fmt` and
#     `check --format sarif` exist, a stand-in plays `bkpc diff` (the plumbing
#     is still tested) and the fmt and SARIF steps are skipped with a note;
#     they are tested by themselves once bkpc has them;
#  3. the hooks with the real pre-commit in a throw-away repository: a bad
#     .bkp is refused, a good one is committed (the fmt hooks once bkpc fmt
#     exists).
# env: BKPC. Runs from the repository root; ends with "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
root=$(pwd)
steps=$tools/ci-steps.py
gh=.github/workflows/bkpc.yml
az=ci/azure-pipelines.yml
same() {   # same NAME GOT WANT
    if [ "$2" = "$3" ]; then ok; else ko "$1: got [$2], expected [$3]"; fi
}

# --- 1. the files parse, the pipelines have their shape ------------------------------
if ! python3 -c 'import yaml' 2>/dev/null; then
    echo "ci: skipped: python3's yaml module is not installed (python3-yaml)"
    summary
    exit
fi
for f in $gh $az .pre-commit-hooks.yaml; do
    if python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f" 2>"$tmp/err"; then ok; else
        ko "$f does not parse:"; cat "$tmp/err"; fi
done
if command -v yamllint >/dev/null 2>&1; then
    conf='{extends: default, rules: {line-length: {max: 120}, truthy: {check-keys: false}, document-start: disable}}'
    if yamllint -s -d "$conf" $gh $az .pre-commit-hooks.yaml >"$tmp/out" 2>&1; then ok; else
        ko "yamllint:"; cat "$tmp/out"; fi
else
    echo "ci: yamllint not run: it is not installed (scripts/install-deps.sh --all)"
fi
for f in $gh $az; do
    python3 "$steps" check "$f" >"$tmp/out" 2>&1 || grep -q '^FAIL' "$tmp/out" || ko "ci-steps.py check $f failed"
    report "$tmp/out"
done

# --- 2. the steps, in a throw-away clone -----------------------------------------------
has() {   # has WHAT: whether this bkpc has fmt, diff, check --format sarif
    case $1 in
    sarif) printf 'daily at 02:00\n' >"$tmp/s.bkp"; "$BKPC" check --format sarif "$tmp/s.bkp" >/dev/null 2>&1 ;;
    *) "$BKPC" "$1" --help >/dev/null 2>&1 ;;
    esac
}
has fmt && have_fmt=1 || { have_fmt=0; echo "ci: the fmt step is not run: bkpc has no fmt yet"; }
has diff && have_diff=1 || { have_diff=0; echo "ci: the diff step runs with a stand-in: bkpc has no diff yet"; }
has sarif && have_sarif=1 || { have_sarif=0; echo "ci: the SARIF step is not run: bkpc has no check --format sarif yet"; }

# bkpc on the PATH; `bkpc diff` played by a stand-in until it exists: it logs
# its arguments, checks that both files exist under the same name, and
# reports a loss when `keep daily 180d` became `keep daily 30d`.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/bkpc" <<EOF
#!/bin/sh
if [ "\$1" = diff ] && [ $have_diff = 0 ]; then
    echo "\$2 \$3 \$4" >>"$tmp/diff.log"
    [ -f "\$2" ] && [ -f "\$3" ] && [ "\$(basename "\$2")" = "\$(basename "\$3")" ] || exit 2
    grep -q 'keep daily 180d' "\$2" && grep -q 'keep daily 30d' "\$3" && exit 1
    exit 0
fi
exec "$BKPC" "\$@"
EOF
chmod +x "$tmp/bin/bkpc"

git_q() { git -c user.name=ci-test -c user.email=ci@test -c init.defaultBranch=main -c advice.detachedHead=false "$@" >/dev/null 2>&1; }
# The base branch: two policies (one of bare clauses, named after its file),
# and a broken file outside POLICIES.
origin=$tmp/origin
mkdir -p "$origin/policies" "$origin/tests"
printf 'daily at 02:00\nkeep daily 180d\n' >"$origin/policies/web-vms.bkp"
printf 'policy db-vms {\n    daily at 03:00\n    keep daily 30d\n}\n' >"$origin/policies/db.bkp"
printf 'daily at 02:15\n' >"$origin/tests/broken.bkp"
(cd "$origin" && git_q init && git_q add . && git_q commit -m base) || ko "git: the base repository"

# clone NAME EDIT: a clone (as a CI checkout: origin/main there) on a branch
# with EDIT (a shell command run in it) committed; prints its directory.
clone() {
    d=$tmp/clone-$1
    rm -rf "$d"
    git_q clone "$origin" "$d" && (cd "$d" && git_q checkout -b pr && sh -c "$2" && git_q add -A &&
        git_q commit -m "$1") || ko "git: the clone $1"
    echo "$d"
}
# step CI FILE STEP DIR: runs STEP of FILE in DIR as CI (gh or az) would on
# a pull request to main, with POLICIES='policies/*.bkp'; sets $rc.
step() {
    python3 "$steps" script "$2" "$3" | sed "s|^export POLICIES=.*|export POLICIES='policies/*.bkp'|" >"$tmp/step.sh"
    mkdir -p "$4.tmp" "$4.stage"
    if [ "$1" = gh ]; then
        (cd "$4" && env PATH="$tmp/bin:$PATH" RUNNER_TEMP="$4.tmp" GITHUB_EVENT_NAME=pull_request \
            GITHUB_BASE_REF=main bash --noprofile --norc -eo pipefail "$tmp/step.sh") >"$tmp/step.out" 2>&1
    else
        (cd "$4" && env PATH="$tmp/bin:$PATH" AGENT_TEMPDIRECTORY="$4.tmp" BUILD_REASON=PullRequest \
            BUILD_ARTIFACTSTAGINGDIRECTORY="$4.stage" SYSTEM_PULLREQUEST_TARGETBRANCH=refs/heads/main \
            bash --noprofile --norc "$tmp/step.sh") >"$tmp/step.out" 2>&1
    fi
    rc=$?
}
expect() {   # expect NAME WANT: the last step exited WANT (0, or 1 for any failure)
    got=$rc
    [ "$2" = 1 ] && [ "$rc" != 0 ] && got=1
    if [ "$got" = "$2" ]; then ok; else ko "$1: exit $rc, expected $2"; sed 's/^/    /' "$tmp/step.out" | tail -15; fi
}
sarif_of() { if [ "$1" = gh ]; then echo "$2/bkpc.sarif"; else echo "$2.stage/CodeAnalysisLogs/bkpc.sarif"; fi; }
sarif_ok() {   # sarif_ok NAME FILE: a SARIF 2.1.0 log
    if python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(d.get("version") != "2.1.0")' "$2" 2>/dev/null
    then ok; else ko "$1: $2 is not a SARIF 2.1.0 log"; fi
}

for ci in gh az; do
    f=$gh; [ $ci = az ] && f=$az
    # A. retention made longer: everything passes.
    d=$(clone "$ci-longer" "sed -i 's/180d/365d/' policies/web-vms.bkp")
    : >"$tmp/diff.log"
    step $ci "$f" files "$d"; expect "$ci: files" 0
    same "$ci: the policy files" "$(tr '\0' '\n' <"$d.tmp/policies")" "$(printf 'policies/db.bkp\npolicies/web-vms.bkp')"
    step $ci "$f" check "$d"; expect "$ci: check, policies clean (tests/broken.bkp not named)" 0
    step $ci "$f" diff "$d"; expect "$ci: diff, retention longer" 0
    if [ $have_diff = 0 ]; then
        same "$ci: diff of the changed file only, under its own name" "$(sed "s|$d.tmp/base/||" "$tmp/diff.log")" \
            "policies/web-vms.bkp policies/web-vms.bkp --fail-on-loss"
    fi
    if [ $have_sarif = 1 ]; then
        step $ci "$f" sarif "$d"; expect "$ci: sarif, clean" 0
        sarif_ok "$ci: sarif, clean" "$(sarif_of $ci "$d")"
    fi
    # B. retention cut: the diff step fails.
    d=$(clone "$ci-cut" "sed -i 's/180d/30d/' policies/web-vms.bkp")
    step $ci "$f" files "$d"; expect "$ci: files" 0
    step $ci "$f" diff "$d"; expect "$ci: diff, retention cut from 180 to 30 days" 1
    # C. a broken policy: check fails, the SARIF step does not.
    d=$(clone "$ci-broken" "printf 'daily at 02:15\n' >policies/late.bkp")
    step $ci "$f" files "$d"; expect "$ci: files" 0
    step $ci "$f" check "$d"; expect "$ci: check, a broken policy" 1
    if grep -q 'error\[B3\]' "$tmp/step.out"; then ok; else ko "$ci: check shows error[B3]"; fi
    if [ $have_sarif = 1 ]; then
        step $ci "$f" sarif "$d"; expect "$ci: sarif, a broken policy" 0
        sarif_ok "$ci: sarif, a broken policy" "$(sarif_of $ci "$d")"
    fi
    # D. fmt: canonical files pass, a messy one fails.
    if [ $have_fmt = 1 ]; then
        d=$(clone "$ci-fmt" "rm policies/web-vms.bkp")
        step $ci "$f" files "$d"; step $ci "$f" fmt "$d"; expect "$ci: fmt --check, canonical" 0
        d=$(clone "$ci-messy" "rm policies/web-vms.bkp; printf 'policy db-vms {daily at 03:00   keep daily 30d}\n' >policies/db.bkp")
        step $ci "$f" files "$d"; step $ci "$f" fmt "$d"; expect "$ci: fmt --check, messy" 1
    fi
done

# --- 3. pre-commit -----------------------------------------------------------------------
if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
    echo "ci: pre-commit hooks not tested: pre-commit or git is not installed (scripts/install-deps.sh --all)"
    summary
    exit
fi
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
if pre-commit validate-manifest .pre-commit-hooks.yaml >"$tmp/out" 2>&1; then ok; else
    ko "pre-commit validate-manifest:"; cat "$tmp/out"; fi
# The hooks repository: this tree's .pre-commit-hooks.yaml, committed.
hooks=$tmp/hooks
mkdir -p "$hooks"
cp .pre-commit-hooks.yaml "$hooks/"
(cd "$hooks" && git_q init && git_q add . && git_q commit -m hooks) || ko "git: the hooks repository"
rev=$(git -C "$hooks" rev-parse HEAD)
repo=$tmp/repo
mkdir -p "$repo"
{
    echo "repos:"
    echo "  - repo: $hooks"
    echo "    rev: $rev"
    echo "    hooks:"
    echo "      - id: bkpc-check"
    [ $have_fmt = 1 ] && echo "      - id: bkpc-fmt"
} >"$repo/.pre-commit-config.yaml"
[ $have_fmt = 1 ] || echo "ci: the hook bkpc-fmt is not tested: bkpc has no fmt yet"
commit() {   # commit MESSAGE: git commit in $repo through the hooks; sets $rc
    (cd "$repo" && PATH="$tmp/bin:$PATH" git -c user.name=ci-test -c user.email=ci@test commit -q -m "$1") \
        >"$tmp/commit.out" 2>&1
    rc=$?
}
(cd "$repo" && git_q init && git_q add .pre-commit-config.yaml && git_q commit --no-verify -m config) ||
    ko "git: the repository"
if (cd "$repo" && pre-commit validate-config && pre-commit install) >"$tmp/out" 2>&1; then ok; else
    ko "pre-commit install:"; cat "$tmp/out"; fi
printf 'policy bad-vms {\n    daily at 02:15\n}\n' >"$repo/bad.bkp"
git -C "$repo" add bad.bkp
commit "a bad policy"
if [ $rc != 0 ]; then ok; else ko "pre-commit: a bad .bkp was committed"; fi
if grep -q 'error\[B3\]' "$tmp/commit.out"; then ok; else ko "pre-commit: no error[B3] in:"; cat "$tmp/commit.out"; fi
same "pre-commit: nothing committed" "$(git -C "$repo" rev-list --count HEAD)" 1
git -C "$repo" rm -q --cached bad.bkp
rm "$repo/bad.bkp"
printf 'policy good-vms {\n    daily at 02:00\n    keep daily 30d\n}\n' >"$repo/good.bkp"
git -C "$repo" add good.bkp
commit "a good policy"
if [ $rc = 0 ]; then ok; else ko "pre-commit: the good .bkp was refused:"; cat "$tmp/commit.out"; fi
same "pre-commit: committed" "$(git -C "$repo" log -1 --format=%s)" "a good policy"
if [ $have_fmt = 1 ]; then
    printf 'policy messy-vms {daily at 02:00   keep daily 30d}\n' >"$repo/messy.bkp"
    git -C "$repo" add messy.bkp
    commit "a messy policy"
    if [ $rc != 0 ]; then ok; else ko "pre-commit: bkpc-fmt let a messy .bkp through"; fi
fi
cd "$root" || exit 2
summary
