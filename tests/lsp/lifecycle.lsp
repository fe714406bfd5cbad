# The lifecycle: exit without shutdown ends the server with status 1.
> {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
< {
 "jsonrpc": "2.0",
 "id": 1,
 "result": {
  "capabilities": {
   "positionEncoding": "utf-16",
   "textDocumentSync": {"openClose": true, "change": 2},
   "hoverProvider": true,
   "completionProvider": {"triggerCharacters": ["\""]},
   "documentSymbolProvider": true,
   "documentFormattingProvider": true,
   "codeActionProvider": {"codeActionKinds": ["quickfix"]}
  },
  "serverInfo": {"name": "bkpc", "version": "0.1.0"}
 }
}
> {"jsonrpc": "2.0", "method": "initialized", "params": {}}
> {"jsonrpc": "2.0", "method": "exit"}
= exit 1
