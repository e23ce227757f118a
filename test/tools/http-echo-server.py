"""A small HTTP server for differential tests of HTTP clients: prints its port on stdout, then serves
until stdin closes. Paths: /json (a JSON document), /text (plain text), /status/<n> (that status),
/redirect (302 to /json), /auth (401 unless Basic credentials a2c:secret), /file/, /to-file/ and
/attach?name= (downloads, below), anything else echoes the request (method, path, body, the headers a test sets) as JSON."""
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, ctype="application/json", extra=None):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Test-Header", "Mixed-Case")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path = self.path
        if path == "/json":
            return self.reply(200, json.dumps({"name": "a2c", "items": [1, 2], "tag_name": "v1.2.3"}))
        if path == "/text":
            return self.reply(200, "plain text\n", "text/plain")
        if path.startswith("/status/"):
            return self.reply(int(path.split("/")[2]), json.dumps({"message": "status"}))
        if path == "/redirect":
            return self.reply(302, "", "text/html", {"Location": "/json"})
        # Downloads (get_url into a directory): /file/<name>[?q] serves a text naming its path and query,
        # /to-file/<name> redirects there, /attach?name=<n> sends it with Content-Disposition naming <n>.
        if path.startswith("/file/"):
            return self.reply(200, "content of %s\n" % path, "application/octet-stream")
        if path.startswith("/to-file/"):
            return self.reply(302, "", "text/html", {"Location": "/file/" + path[len("/to-file/"):]})
        if path.startswith("/attach?name="):
            name = path[len("/attach?name="):]
            return self.reply(200, "attached %s\n" % name, "application/octet-stream", {"Content-Disposition": 'attachment; filename="%s"' % name})
        if path == "/auth":
            want = "Basic " + base64.b64encode(b"a2c:secret").decode()
            if self.headers.get("Authorization") != want:
                return self.reply(401, "[]", "application/json", {"WWW-Authenticate": 'Basic realm="a2c"'})
            return self.reply(200, "[]")
        seen = {k: self.headers.get(k) for k in ("Content-Type", "Authorization", "X-Custom")}
        return self.reply(200, json.dumps({"method": self.command, "path": path, "body": body, "headers": seen}))

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
