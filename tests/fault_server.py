"""An OpenAI-compatible server on 127.0.0.1 that answers from fixtures/ and injects faults.

Each request pops the next planned fault (status, headers); when none is left it
answers the recording whose key matches the request body, as replay would.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from summariser.llm import request_key
from summariser.prompts import version


class FaultServer:
    """Start with `with FaultServer(faults) as server:`; `server.url` is the base URL."""

    def __init__(self, fixtures: Path, faults: list[tuple[int, dict[str, str]]] | None = None) -> None:
        self.fixtures = fixtures
        self.faults = list(faults or [])
        self.requests: list[tuple[float, str]] = []  # (time, authorization header)
        self.answered = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((time.monotonic(), self.headers.get("Authorization", "")))
                if outer.faults:
                    status, headers = outer.faults.pop(0)
                    self._send(status, {"error": {"message": f"injected {status}", "type": "fault"}}, headers)
                    return
                path = outer.fixtures / f"{request_key(body, version())}.json"
                if not path.is_file():
                    self._send(404, {"error": {"message": f"no recording {path.name}"}}, {})
                    return
                outer.answered += 1
                self._send(200, json.loads(path.read_text())["response"], {})

            def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> FaultServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
