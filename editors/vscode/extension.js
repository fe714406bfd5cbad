// The bkp extension's code: starts the language client for .bkp files,
// talking to `bkpc lsp` over stdio. Plain CommonJS, no build step; its one
// dependency, vscode-languageclient, comes from the npm registry
// (`npm ci --omit=dev` in this folder).
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

// The server command: the setting bkpc.path (default "bkpc"), argument "lsp".
function serverOptions(config) {
  const command = config.get('path') || 'bkpc';
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  return { run, debug: run };
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'bkp' },
      { scheme: 'untitled', language: 'bkp' },
    ],
  };
}

async function activate(context) {
  const config = vscode.workspace.getConfiguration('bkpc');
  if (config.get('server.enable') === false) {
    return;
  }
  client = new LanguageClient('bkpc', 'bkpc language server', serverOptions(config), clientOptions());
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (err) {
    vscode.window.showWarningMessage(
      `bkpc: cannot start "${serverOptions(config).run.command} lsp" (${err.message}); ` +
        'set bkpc.path, or bkpc.server.enable to false');
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
