# bash completion for bkpc                                  -*- shell-script -*-
#
# Installed as share/bash-completion/completions/bkpc, where the
# bash-completion package loads it on demand; without that package, source
# this file from ~/.bashrc. Completes commands, each command's options, the
# values of -t and --format, .bkp files (any file for import and diff, which
# read JSON), and after --policy/-p the policies
# of the file on the command line (`bkpc complete policies FILE`).

# The options of each command that take a value.
_bkpc_takes_value() {
    case $1 in
    -t | --target | -p | --policy | -o | --output | -f | --format | --color | -n | --count | --at | --from | --since) return 0 ;;
    --used | --vm | --disk | --churn | --redundancy | --prices | --months | --start | --chart) return 0 ;;
    esac
    return 1
}

# A word of the command line as the shell will pass it: quotes and
# backslashes removed, a leading ~/ expanded. Nothing is evaluated.
_bkpc_dequote() {
    local w=$1
    case $w in
    \'*\') w=${w:1:${#w}-2} ;;
    \"*\") w=${w:1:${#w}-2} ;;
    *) w=${w//\\/} ;;
    esac
    [[ $w == "~/"* ]] && w=$HOME/${w:2}
    printf '%s' "$w"
}

# The names of the policies of the first FILE operand on the line.
_bkpc_policies() {
    local i w bin=bkpc
    [[ ${COMP_WORDS[0]} == */* && -x ${COMP_WORDS[0]} ]] && bin=${COMP_WORDS[0]}
    for ((i = 2; i < ${#COMP_WORDS[@]}; i++)); do
        ((i == COMP_CWORD)) && continue
        w=${COMP_WORDS[i]}
        if [[ $w == -* ]]; then
            [[ $w != *=* ]] && _bkpc_takes_value "$w" && ((i++))
            continue
        fi
        [[ $w == = ]] && { ((i++)); continue; }
        w=$(_bkpc_dequote "$w")
        if [[ -f $w && -r $w ]]; then
            "$bin" complete policies "$w" 2>/dev/null
            return
        fi
    done
}

_bkpc_words() {   # _bkpc_words WORDS...: the ones that start with $cur
    mapfile -t COMPREPLY < <(compgen -W "$*" -- "$cur")
}

_bkpc_files() {   # .bkp files and directories (where they may be)
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -X '!*.bkp' -- "$cur"; compgen -d -- "$cur")
}

_bkpc() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="check build fmt import explain next simulate cost diff parse explain-rule rules lsp help"
    COMPREPLY=()
    # --opt=value: bash splits it at the =.
    if [[ $cur == = ]]; then
        cur="" prev=${COMP_WORDS[COMP_CWORD - 1]}
    elif [[ $prev == = ]] && ((COMP_CWORD >= 3)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    if ((COMP_CWORD == 1)); then
        _bkpc_words "$commands -h --help -V --version"
        return
    fi
    local cmd=${COMP_WORDS[1]} opts
    case $prev in
    -t | --target) _bkpc_words json ps1 azcli; return ;;
    -f | --format)
        case ${COMP_WORDS[1]} in
        check | build | import) _bkpc_words text json sarif ;;
        cost) _bkpc_words text json csv ;;
        *) _bkpc_words text json ;;
        esac
        return ;;
    --color) _bkpc_words auto always never; return ;;
    -p | --policy) mapfile -t COMPREPLY < <(compgen -W "$(_bkpc_policies)" -- "$cur"); return ;;
    -o | --output) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --redundancy) _bkpc_words LRS ZRS GRS RA-GRS; return ;;
    --prices | --chart) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    -n | --count | --at | --from | --since | --used | --vm | --disk | --churn | --months | --start) return ;;
    esac
    case $cmd in
    check) opts="-q --quiet --format --color --werror -h --help" ;;
    build) opts="-t --target -p --policy -a --all -o --output --format --color --werror -h --help" ;;
    explain) opts="-p --policy --at -f --format -h --help" ;;
    next) opts="-p --policy -n --count --from -f --format -h --help" ;;
    simulate) opts="--at --since -p --policy -f --format -h --help" ;;
    cost) opts="-p --policy --used --vm --disk --churn --redundancy --prices --months --start -f --format --chart -h --help" ;;
    fmt) opts="--check -w --write --diff -h --help" ;;
    import) opts="-o --output --format --color --werror -h --help" ;;
    diff) opts="--at -f --format --fail-on-loss -h --help" ;;
    parse) opts="-h --help" ;;
    explain-rule | rules)
        if [[ $cur == -* ]]; then _bkpc_words -h --help
        elif ((COMP_CWORD == 2)); then _bkpc_words "$(bkpc rules 2>/dev/null | cut -d' ' -f1)"; fi
        return ;;
    lsp) [[ $cur == -* ]] && _bkpc_words --stdio -h --help; return ;;   # no operands
    help) ((COMP_CWORD == 2)) && _bkpc_words "${commands% help}"; return ;;
    *) return ;;
    esac
    if [[ $cur == -* ]]; then
        _bkpc_words "$opts"
    elif [[ $cmd == import || $cmd == diff ]]; then   # JSON (diff: or .bkp) files
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    else
        _bkpc_files
    fi
}
complete -F _bkpc bkpc
