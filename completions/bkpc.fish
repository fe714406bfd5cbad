# fish completion for bkpc. Installed as
# share/fish/vendor_completions.d/bkpc.fish, where fish finds it for PREFIX
# /usr/local (and ~/.local through XDG_DATA_DIRS). Completes commands, each
# command's options, the values of -t and --format, .bkp files, and after
# --policy/-p the policies of the file on the command line
# (`bkpc complete policies FILE`).

# The names of the policies of the first FILE operand on the line.
function __bkpc_policies
    set -l skip 0
    for w in (commandline -opc)[3..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case -t --target -p --policy -o --output -f --format --color -n --count --at --from --since \
                --used --vm --disk --churn --redundancy --prices --months --start --chart
                set skip 1
                continue
            case '-*'
                continue
        end
        if test -f "$w" -a -r "$w"
            bkpc complete policies "$w" 2>/dev/null
            return
        end
    end
end

# .bkp files and directories (fish's own helper also offers other files).
function __bkpc_files
    __fish_complete_suffix .bkp | string match -r -- '^[^\t]*(\.bkp|/)(\t.*)?$'
end

set -l commands check build fmt import explain next simulate cost diff parse explain-rule rules lsp help
set -l files check build fmt explain next simulate cost parse

complete -c bkpc -f
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Show the list of commands'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Show the version'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a check -d 'Parse and type-check; print diagnostics'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a build -d 'Compile to the REST body, PowerShell or Azure CLI'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a fmt -d 'Rewrite files in the canonical layout'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a import -d 'JSON of deployed policies to .bkp'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a explain -d 'The policy in plain English'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a next -d 'The next backup times'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a simulate -d 'The recovery points that exist at a time'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a cost -d 'Storage per tier and cost over time: an estimate'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a diff -d 'What changing policies does'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a parse -d 'Print the syntax tree (a developer aid)'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a explain-rule -d 'What a rule id means'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a rules -d 'Every rule bkpc knows'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a lsp -d 'A language server for editors'
complete -c bkpc -n "not __fish_seen_subcommand_from $commands" -a help -d 'Show the help of a command'
complete -c bkpc -n "__fish_seen_subcommand_from lsp" -s h -l help -d 'Show the help'
complete -c bkpc -n "__fish_seen_subcommand_from lsp" -l stdio -d 'Talk over standard input and output'
complete -c bkpc -n "__fish_seen_subcommand_from explain-rule rules" -s h -l help -d 'Show the help'
complete -c bkpc -n "__fish_seen_subcommand_from explain-rule rules" -x -a "(bkpc rules 2>/dev/null | string replace -r ' .*' '')"
complete -c bkpc -n "__fish_seen_subcommand_from help" -a "$files"

# Operands: .bkp files.
complete -c bkpc -n "__fish_seen_subcommand_from $files" -k -a "(__bkpc_files)"
complete -c bkpc -n "__fish_seen_subcommand_from $files" -s h -l help -d 'Show the help'

complete -c bkpc -n "__fish_seen_subcommand_from check" -s q -l quiet -d 'No summary line'
complete -c bkpc -n "__fish_seen_subcommand_from check build import" -l format -x -a 'text json sarif' -d 'How diagnostics are written'
complete -c bkpc -n "__fish_seen_subcommand_from check build import" -l color -x -a 'auto always never' -d 'Colour the text'
complete -c bkpc -n "__fish_seen_subcommand_from check build import" -l werror -d 'Warnings fail too'

complete -c bkpc -n "__fish_seen_subcommand_from fmt" -l check -d 'List the files that are not formatted'
complete -c bkpc -n "__fish_seen_subcommand_from fmt" -s w -l write -d 'Rewrite the files in place'
complete -c bkpc -n "__fish_seen_subcommand_from fmt" -l diff -d 'Print a unified diff of each change'

complete -c bkpc -n "__fish_seen_subcommand_from build" -s t -l target -x -a 'json ps1 azcli' -d 'What to write'
complete -c bkpc -n "__fish_seen_subcommand_from build" -s a -l all -d 'The body of every policy'
complete -c bkpc -n "__fish_seen_subcommand_from build" -s o -l output -r -F -d 'Write to OUT'

complete -c bkpc -n "__fish_seen_subcommand_from build explain next simulate cost" -s p -l policy -x -a '(__bkpc_policies)' -d 'The policy'
complete -c bkpc -n "__fish_seen_subcommand_from explain next simulate" -s f -l format -x -a 'text json' -d 'Output format'
complete -c bkpc -n "__fish_seen_subcommand_from explain simulate" -l at -x -d 'TIME: YYYY-MM-DD[THH:MM][Z]'
complete -c bkpc -n "__fish_seen_subcommand_from next" -l from -x -d 'Start at TIME'
complete -c bkpc -n "__fish_seen_subcommand_from next" -s n -l count -x -d 'How many backups'
complete -c bkpc -n "__fish_seen_subcommand_from simulate" -l since -x -d 'When the policy started'

complete -c bkpc -n "__fish_seen_subcommand_from cost" -s f -l format -x -a 'text json csv' -d 'Output format'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l used -x -d 'Used size of the disks backed up (512G, 2T)'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l vm -x -d 'A VM of a protect of the file'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l disk -x -d 'With --vm: LUN=SIZE (os=64G, 0=512G)'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l churn -x -d 'Daily churn (2%)'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l redundancy -x -a 'LRS ZRS GRS RA-GRS' -d 'Vault storage'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l prices -r -F -d 'A price table (JSON)'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l months -x -d 'Months shown'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l start -x -d 'First day: YYYY-MM-DD'
complete -c bkpc -n "__fish_seen_subcommand_from cost" -l chart -r -F -d 'Write an SVG chart'
# import and diff read JSON (diff: or .bkp): any file.
complete -c bkpc -n "__fish_seen_subcommand_from import diff" -F
complete -c bkpc -n "__fish_seen_subcommand_from import diff" -s h -l help -d 'Show the help'
complete -c bkpc -n "__fish_seen_subcommand_from import" -s o -l output -r -F -d 'Write to OUT'
complete -c bkpc -n "__fish_seen_subcommand_from diff" -l at -x -d 'TIME of the change: YYYY-MM-DD[THH:MM][Z]'
complete -c bkpc -n "__fish_seen_subcommand_from diff" -s f -l format -x -a 'text json' -d 'Output format'
complete -c bkpc -n "__fish_seen_subcommand_from diff" -l fail-on-loss -d 'Fail only when points are lost or a change is refused'
