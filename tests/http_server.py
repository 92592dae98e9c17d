"""A real HTTP server on 127.0.0.1 for the tests that fetch, with a route per case."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).with_name("data") / "pages"


class Handler(BaseHTTPRequestHandler):
    flaky_failures: dict[str, int] = {}

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        path = self.path
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if path == "/article":
            self.send(200, (PAGES / "daily.html").read_bytes())
        elif path == "/cyrillic":  # the charset in the header only
            body = (
                (PAGES / "cyrillic-1251.html").read_bytes().replace(b'charset="windows-1251"', b"")
            )
            self.send(200, body, "text/html; charset=windows-1251")
        elif path == "/plain":
            text = "Officials in Kyiv said talks would resume on Monday.\nMore later.\n"
            self.send(200, text.encode("cp1251"), "text/plain; charset=windows-1251")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
        elif path == "/missing":
            self.send(404, b"<html><body>Not found</body></html>")
        elif path == "/broken":
            self.send(500, b"<html><body>Oops</body></html>")
        elif path == "/flaky":  # fails once, then answers
            seen = Handler.flaky_failures.get(path, 0)
            Handler.flaky_failures[path] = seen + 1
            if seen == 0:
                self.send(503, b"busy")
            else:
                self.send(200, (PAGES / "daily.html").read_bytes())
        elif path == "/image":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
        elif path == "/login":
            self.send(200, (PAGES / "empty.html").read_bytes())
        elif path == "/huge":
            self.send(200, b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>")
        elif path == "/feed":  # links relative and absolute, one to a missing page
            port = self.server.server_address[1]
            items = "".join(
                f"<item><title>Item {n}</title><link>{link}</link>"
                f"<pubDate>Tue, 0{n + 4} Feb 2025 08:00:00 GMT</pubDate>"
                f"<dc:creator>Feed Writer {n}</dc:creator></item>"
                for n, link in enumerate(["/article", f"http://127.0.0.1:{port}/plain", "/missing"])
            )
            channel = f"<channel><title>Desk</title>{items}</channel>"
            dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
            rss = f'<?xml version="1.0"?><rss version="2.0" {dc}>{channel}</rss>'
            self.send(200, rss.encode(), "application/rss+xml")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, (PAGES / "daily.html").read_bytes())
        else:
            self.send(404, b"no such route")

    agents: list[str] = []


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout test): not the test's failure


def serve() -> tuple[ThreadingHTTPServer, str]:
    """A started server and its base URL."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
