"""An OpenAI-compatible server on 127.0.0.1 that answers from fixtures/ and injects faults.

Each request pops the next planned fault; when none is left it answers the
recording whose key matches the request body, as replay would. Faults:
an HTTP status with headers, ("length", {}) a recorded answer cut short,
("malformed", {}) broken JSON, ("empty", {}) no choices at all, ("slow", {"seconds": "5"}) a late answer,
("arguments", {"json": ...}) a hand-written answer with these tool-call arguments,
("redirect", {"Location": url}) a 307 redirect.
`by_article` maps a line of an article to HAND-WRITTEN tool-call arguments: a request
whose prompt contains the line gets them (the strong answers of tests/data/strong-answers/).
`verdicts` maps statements to a HAND-WRITTEN judge's verdict: a judge request (its tool is
SupportVerdicts) is answered for each of its statements from the map, "supported" when absent.
A re-ask is answered with the recording of the question it repeats, and a
request whose budget was doubled with the recording at the original budget.
Like a model server it keeps connections alive, and `delay` makes every
answer wait (a busy server; the throughput benchmark's 0.5 s).
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from summariser.llm.recording import request_key


def answer(body: dict[str, Any], arguments: str) -> dict[str, Any]:
    """A chat completion calling the request's tool with `arguments` (for hand-written fault cases)."""
    tool = body["tools"][0]["function"]["name"]
    return {"id": "hand-written", "object": "chat.completion", "created": 0, "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                "role": "assistant", "content": None, "tool_calls": [{
                    "id": "call_0", "type": "function", "function": {"name": tool, "arguments": arguments}}]}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class Loopback:
    """An HTTP server on 127.0.0.1 (`httpd`, set by the subclass) serving from a daemon thread in a `with` block."""

    httpd: ThreadingHTTPServer

    def __enter__(self) -> Self:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class FaultServer(Loopback):
    """Start with `with FaultServer(faults) as server:`; `server.url` is the base URL."""

    def __init__(self, fixtures: Path, faults: list[tuple[int | str, dict[str, str]]] | None = None,
                 delay: float = 0.0, fail_when: str | None = None, by_article: dict[str, str] | None = None,
                 verdicts: dict[str, str] | None = None) -> None:
        self.fixtures = fixtures
        self.by_article = by_article or {}
        self.verdicts = verdicts
        self.faults = list(faults or [])
        self.delay = delay  # every answer waits this long, like a busy model server
        self.fail_when = fail_when  # requests whose prompt contains this always get HTTP 500
        self.requests: list[tuple[float, str]] = []  # (time, authorization header)
        self.bodies: list[dict[str, Any]] = []
        self.answered = 0
        self.answers: dict[str, str | None] = {}  # recordings read once, by request key
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            # Like a real model server: connections kept alive, and each answer sent in one write.
            protocol_version = "HTTP/1.1"
            wbufsize = 1 << 16
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((time.monotonic(), self.headers.get("Authorization", "")))
                with outer.lock:
                    outer.bodies.append(body)
                    fault, headers = outer.faults.pop(0) if outer.faults else (None, {})
                if outer.fail_when and outer.fail_when in json.dumps(body["messages"], ensure_ascii=False):
                    fault, headers = 500, {}
                time.sleep(outer.delay)
                if fault == "redirect":
                    self.send_response(307)
                    self.send_header("Location", headers["Location"])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if isinstance(fault, int):
                    self._send(fault, {"error": {"message": f"injected {fault}", "type": "fault"}}, headers)
                    return
                if fault == "slow":
                    time.sleep(float(headers["seconds"]))
                if fault == "arguments":  # a hand-written answer: these tool-call arguments, whatever was asked
                    self._send(200, answer(body, headers["json"]), {})
                    return
                prompt = " ".join(str(m.get("content")) for m in body["messages"])
                if outer.verdicts is not None and body["tools"][0]["function"]["name"] == "SupportVerdicts":
                    said = [{"statement": sid, "verdict": outer.verdicts.get(text.strip(), "supported"), "reason": ""}
                            for sid, text in re.findall(r"^\[(J\d+)\] (.*)$", prompt, re.M)]
                    self._send(200, answer(body, json.dumps({"verdicts": said})), {})
                    return
                if written := next((a for line, a in outer.by_article.items() if line in prompt), None):
                    self._send(200, answer(body, written), {})
                    return
                response = outer.recording(body)
                if response is None:
                    self._send(404, {"error": {"message": "no recording for this request"}}, {})
                    return
                call = response["choices"][0]["message"]["tool_calls"][0]["function"]
                if fault == "length":
                    response["choices"][0]["finish_reason"] = "length"
                    call["arguments"] = call["arguments"][: len(call["arguments"]) // 2]
                elif fault == "malformed":
                    call["arguments"] = '{"key_actors": [{"name": '
                elif fault == "empty":
                    response["choices"] = []
                outer.answered += 1
                self._send(200, response, {})

            def _send(self, status: int, payload: Any, headers: dict[str, str]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        class Server(ThreadingHTTPServer):
            request_queue_size = 128  # socketserver's 5 would drop connections a batch opens at once

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def recording(self, body: dict[str, Any]) -> dict[str, Any] | None:
        """The recorded answer to this request, to the question it re-asks, or at its first budget."""
        candidates = [body, {**body, "messages": body["messages"][:2]}]
        candidates += [{**c, "max_tokens": c["max_tokens"] // 2} for c in list(candidates) if "max_tokens" in c]
        for candidate in candidates:
            key = request_key(candidate)
            if key not in self.answers:
                path = self.fixtures / f"{key}.json"
                self.answers[key] = path.read_text() if path.is_file() else None
            if (text := self.answers[key]) is not None:
                return json.loads(text)["response"]  # type: ignore[no-any-return]
        return None

