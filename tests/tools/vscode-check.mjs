// The VS Code extension of editors/vscode, checked without VS Code:
//   node vscode-check.mjs EXTDIR BKPC_OUTPUT
//  1. the TextMate grammar, loaded by vscode-textmate with the Oniguruma
//     regular expressions VS Code uses (vscode-oniguruma), gives the
//     expected scopes at positions of a few lines;
//  2. the problem matcher's regexp reads every diagnostic line of
//     BKPC_OUTPUT (bkpc check's standard error) and nothing else;
//  3. extension.js, loaded with stand-ins for `vscode` and
//     `vscode-languageclient/node`, starts a client for the language bkp
//     with the command `bkpc lsp` (or the bkpc.path setting);
//  4. package.json's files exist and its JSON files parse.
// Prints "ok NAME" / "FAIL NAME: why" lines; exits 1 when one failed.
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const [extDir, bkpcOutput] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(path.join(extDir, 'package.json'), 'utf8'));
let failed = 0;
const check = (name, ok, why = '') => {
  console.log(ok ? `ok ${name}` : `FAIL ${name}: ${why}`);
  if (!ok) failed++;
};

// --- 1. the grammar -------------------------------------------------------
async function grammar() {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      const g = pkg.contributes.grammars.find((x) => x.scopeName === scope);
      if (!g) return null;
      const file = path.join(extDir, g.path);
      return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  return registry.loadGrammar('source.bkp');
}

// [line, the text whose first character is looked at, nth occurrence, scope]
const cases = [
  ['policy crash {', 'policy', 0, 'keyword.control.policy.bkp'],
  ['policy crash {', 'crash', 0, 'entity.name.function.policy.bkp'],
  ['policy crash {', '{', 0, 'punctuation.section.block.begin.bkp'],
  ['    enhanced   # type', 'enhanced', 0, 'storage.type.policy-type.bkp'],
  ['    enhanced   # type', '# type', 0, 'comment.line.number-sign.bkp'],
  ['timezone "India \\"Standard\\" Time"', 'timezone', 0, 'keyword.control.clause.bkp'],
  ['timezone "India \\"Standard\\" Time"', 'India', 0, 'string.quoted.double.bkp'],
  ['timezone "India \\"Standard\\" Time"', '\\"', 0, 'constant.character.escape.bkp'],
  ['every 4h from 08:00 for 24h', '4h', 0, 'constant.numeric.duration.bkp'],
  ['every 4h from 08:00 for 24h', 'h from', 0, 'keyword.other.unit.bkp'],
  ['every 4h from 08:00 for 24h', 'from', 0, 'keyword.other.bkp'],
  ['every 4h from 08:00 for 24h', '08:00', 0, 'constant.numeric.time.bkp'],
  ['keep monthly 60m on first SUN', 'first', 0, 'constant.language.week.bkp'],
  ['keep monthly 60m on first SUN', 'SUN', 0, 'constant.language.weekday.bkp'],
  ['keep yearly 10 years in Jan on day 1, last', 'Jan', 0, 'constant.language.month.bkp'],
  ['keep yearly 10 years in Jan on day 1, last', '10 years', 0, 'constant.numeric.duration.bkp'],
  ['keep yearly 10 years in Jan on day 1, last', '1,', 0, 'constant.numeric.integer.bkp'],
  ['keep daily 30d; keep weekly 4w', ';', 0, 'invalid.illegal.separator.bkp'],
  ['protect vm daily resource-group rg-x with weekly', 'daily', 0, 'variable.other.name.bkp'],
  ['protect vm daily resource-group rg-x with weekly', 'rg-x', 0, 'variable.other.name.bkp'],
  ['protect vm daily resource-group rg-x with weekly', 'weekly', 0, 'variable.other.name.bkp'],
  ['vault rsv-prod resource-group rg-backup', 'rsv-prod', 0, 'variable.other.name.bkp'],
  ['consistency application', 'application', 0, 'constant.language.bkp'],
  ['archive after 3m', 'archive', 0, 'keyword.control.clause.bkp'],
  // Not keywords inside a longer word.
  ['keep-daily x', 'keep', 0, null],
];

function scopesAt(g, line, col) {
  const r = g.tokenizeLine(line, vsctm.INITIAL);
  const t = r.tokens.find((x) => x.startIndex <= col && col < x.endIndex);
  return t ? t.scopes : [];
}

async function checkGrammar() {
  const g = await grammar();
  check('grammar loads', !!g, 'source.bkp not found');
  if (!g) return;
  for (const [line, what, nth, scope] of cases) {
    let col = -1;
    for (let i = 0; i <= nth; i++) col = line.indexOf(what, col + 1);
    const scopes = scopesAt(g, line, col);
    const name = `scope of '${what}' in '${line}'`;
    if (scope) check(name, scopes.includes(scope), `${scopes.join(' ')} (expected ${scope})`);
    else check(name, scopes.length === 1 && scopes[0] === 'source.bkp', scopes.join(' '));
  }
  // A string does not run past its line.
  const two = g.tokenizeLine('timezone "UTC', vsctm.INITIAL);
  const next = g.tokenizeLine('keep daily 7d', two.ruleStack);
  check('unterminated string ends at the line end',
    next.tokens[0].scopes.includes('keyword.control.clause.bkp'),
    next.tokens[0].scopes.join(' '));
}

// --- 2. the problem matcher ----------------------------------------------
function checkMatcher() {
  const m = pkg.contributes.problemMatchers.find((x) => x.name === 'bkpc');
  check('problem matcher bkpc', !!m, 'missing');
  if (!m) return;
  const re = new RegExp(m.pattern.regexp);
  const lines = readFileSync(bkpcOutput, 'utf8').split('\n');
  const want = /^(.+):(\d+):(\d+): (error|warning)\[([^\]]+)\]: (.*)$/;
  const keys = ['file', 'line', 'column', 'severity', 'code', 'message'];
  let n = 0;
  const wrong = [];
  for (const line of lines) {
    const hit = re.exec(line);
    const w = /^[^ ]/.test(line) && !line.startsWith('hint: ') && !line.startsWith('bkpc: ') ? want.exec(line) : null;
    if (!hit !== !w) {
      wrong.push(`${hit ? 'matched' : 'missed'}: ${line}`);
      continue;
    }
    if (!hit) continue;
    n++;
    const got = keys.map((k) => hit[m.pattern[k]]);
    if (JSON.stringify(got) !== JSON.stringify(w.slice(1))) wrong.push(`fields ${JSON.stringify(got)}: ${line}`);
  }
  check(`problem matcher on ${lines.length} lines of bkpc check`, wrong.length === 0, wrong.slice(0, 5).join('; '));
  check('matcher found diagnostics', n >= 2, `${n} matched`);
}

// --- 3. extension.js -------------------------------------------------------
async function checkExtension() {
  const Module = require('node:module');
  const made = [];
  const settings = { path: '/opt/bkpc/bin/bkpc' };
  const stubs = {
    vscode: {
      workspace: { getConfiguration: (s) => ({ get: (k) => (s === 'bkpc' ? settings[k] : undefined) }) },
      window: { showWarningMessage: (m) => made.push({ warning: m }) },
    },
    'vscode-languageclient/node': {
      TransportKind: { stdio: 0 },
      LanguageClient: class {
        constructor(id, name, server, client) {
          Object.assign(this, { id, name, server, client, started: false });
          made.push(this);
        }
        start() { this.started = true; return Promise.resolve(); }
        stop() { return Promise.resolve(); }
        dispose() {}
      },
    },
  };
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return Object.prototype.hasOwnProperty.call(stubs, request) ? stubs[request] : load.call(this, request, ...rest);
  };
  try {
    const ext = require(path.resolve(extDir, pkg.main));
    const context = { subscriptions: [] };
    await ext.activate(context);
    const c = made.find((x) => x.server);
    check('activate starts a language client', !!c && c.started, JSON.stringify(made));
    if (c) {
      check('server command from bkpc.path', c.server.run.command === '/opt/bkpc/bin/bkpc', c.server.run.command);
      check('server argument lsp', JSON.stringify(c.server.run.args) === '["lsp"]', JSON.stringify(c.server.run.args));
      check('document selector: language bkp',
        c.client.documentSelector.some((d) => d.language === 'bkp' && d.scheme === 'file'),
        JSON.stringify(c.client.documentSelector));
      check('client disposed with the extension', context.subscriptions.includes(c), 'not in subscriptions');
    }
    delete settings.path;
    check('default command bkpc', ext.serverOptions(stubs.vscode.workspace.getConfiguration('bkpc')).run.command === 'bkpc');
    settings['server.enable'] = false;
    const before = made.length;
    await ext.activate({ subscriptions: [] });
    check('bkpc.server.enable false starts nothing', made.length === before, `${made.length - before} made`);
  } finally {
    Module._load = load;
  }
}

// --- 4. package.json ------------------------------------------------------
function checkPackage() {
  const files = [pkg.main, ...pkg.contributes.grammars.map((g) => g.path),
    ...pkg.contributes.languages.map((l) => l.configuration)];
  for (const f of files) check(`file ${f}`, existsSync(path.join(extDir, f)), 'missing');
  for (const l of pkg.contributes.languages) {
    try {
      JSON.parse(readFileSync(path.join(extDir, l.configuration), 'utf8'));
      check(`${l.configuration} parses`, true);
    } catch (e) {
      check(`${l.configuration} parses`, false, e.message);
    }
  }
  check('activation on the language bkp', (pkg.activationEvents || []).includes('onLanguage:bkp'));
  check('depends on vscode-languageclient', !!(pkg.dependencies || {})['vscode-languageclient']);
}

checkPackage();
checkMatcher();
await checkGrammar();
await checkExtension();
process.exit(failed ? 1 : 0);
