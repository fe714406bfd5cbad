// ps-parse.mjs — syntax check of PowerShell scripts with the tree-sitter
// grammar (reference/PWSH.md §6), for tests/extra/ps1.sh.
//
//   node ps-parse.mjs FILE...         exit 1 if any FILE has a syntax error
//                                     (ERROR or MISSING nodes, with positions)
//   node ps-parse.mjs --mask FILE     print FILE with the text of every
//                                     single-quoted string replaced by spaces
//                                     (newlines kept), to find what is outside
//                                     string literals
//
// tree-sitter-powershell is a third-party grammar, not PowerShell's own
// parser: tests/tools/check-ps1.py complements it with PowerShell's quoting
// rules (the Unicode single quotes) and the Az.RecoveryServices metadata.
import fs from 'node:fs';
import Parser from 'tree-sitter';
import PowerShell from 'tree-sitter-powershell';

const parser = new Parser();
parser.setLanguage(PowerShell);

function parse(file) {
    const text = fs.readFileSync(file, 'utf8');
    // The native binding reads big inputs in chunks through a callback.
    const tree = parser.parse((i) => text.slice(i, i + 4096));
    return { text, tree };
}

function problems(node, out) {
    if (node.isError || node.isMissing) {
        const p = node.startPosition;
        out.push(`${p.row + 1}:${p.column + 1}: ${node.isMissing ? 'missing ' + node.type : 'syntax error'}` +
                 ` near ${JSON.stringify(node.text.slice(0, 40))}`);
        return;
    }
    if (!node.hasError)
        return;
    for (const c of node.children)
        problems(c, out);
}

function mask(text, tree) {
    // The binding parses the UTF-16 JavaScript string: node offsets index it.
    const chars = text.split('');
    const walk = (n) => {
        if (n.type === 'verbatim_string_characters' || n.type === 'verbatim_here_string_characters') {
            for (let i = n.startIndex; i < n.endIndex; i++)
                if (chars[i] !== '\n')
                    chars[i] = ' ';
            return;
        }
        for (const c of n.children)
            walk(c);
    };
    walk(tree.rootNode);
    return chars.join('');
}

const args = process.argv.slice(2);
if (args[0] === '--mask') {
    const { text, tree } = parse(args[1]);
    process.stdout.write(mask(text, tree));
    process.exit(tree.rootNode.hasError ? 1 : 0);
}
let bad = 0;
for (const file of args) {
    const { tree } = parse(file);
    if (!tree.rootNode.hasError)
        continue;
    bad++;
    const out = [];
    problems(tree.rootNode, out);
    for (const line of out.length ? out : ['syntax error'])
        console.log(`${file}:${line}`);
}
process.exit(bad ? 1 : 0);
