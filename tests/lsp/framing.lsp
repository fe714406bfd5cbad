# Framing (src/lsp/rpc.c): headers with CR LF or LF, Content-Type, headers
# without Content-Length or malformed (ParseError, and the next message is
# read), a message over the limit (an error, and its bytes skipped: here
# everything after it), the end of the input without exit (status 1).
>raw "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 58\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"
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
# LF line ends, the name in lower case, blanks around the value
>raw "content-length:   42  \n\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"rename\"}"
< {"jsonrpc": "2.0", "id": 2, "error": {"code": -32601, "message": "unknown method: rename"}}
# no Content-Length; not decimal; too long a number; no colon; an empty body
>raw "Content-Type: text/plain\r\n\r\n"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "a header without Content-Length"}
}
>raw "Content-Length: 0x10\r\n\r\n"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "a malformed header (want Content-Length: N)"}
}
>raw "Content-Length: 99999999999999999999999\r\n\r\n"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "a malformed header (want Content-Length: N)"}
}
>raw "Content-Length 5\r\n\r\n"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "a malformed header (want Content-Length: N)"}
}
>raw "Content-Length: 0\r\n\r\n"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {"code": -32700, "message": "not JSON: unexpected token near end of file (at byte 0)"}
}
# the next message is read
>raw "Content-Length: 42\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"rename\"}"
< {"jsonrpc": "2.0", "id": 3, "error": {"code": -32601, "message": "unknown method: rename"}}
# over the limit: skipped, with all that follows (the input ends first)
>raw "Content-Length: 1099511627776\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}"
< {
 "jsonrpc": "2.0",
 "id": null,
 "error": {
  "code": -32600,
  "message": "a message of 1099511627776 bytes, over the limit of 134217728: skipped"
 }
}
>raw "Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"
= exit 1
