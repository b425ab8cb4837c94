"""The OpenAI Batch API: write the requests of many articles as one JSONL file (answers come back by `--collect`)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ..errors import SummariserError
from ..settings import Settings
from ..store import write_atomic
from ..text.load import collect

BATCH_URL = "/v1/chat/completions"


def write_requests(inputs: list[str], settings: Settings, target: Path, encoding: str | None = None) -> int:
    """Write the Batch API input JSONL for these articles: one line per request, custom_id = request key."""
    from ..flow.run import brief
    from ..llm.providers import BatchCapture, connect
    from ..llm.recording import request_key
    from ..text import load

    lines: dict[str, str] = {}
    for path in collect(inputs):
        article = load(str(path), encoding=encoding)
        capture = BatchCapture()  # a batch cannot re-ask: each captured request is a question
        with contextlib.suppress(SummariserError):
            brief(article, connect(settings, capture))
        for kwargs in capture.captured:
            key = request_key(kwargs)
            lines[key] = json.dumps({"custom_id": key, "method": "POST", "url": BATCH_URL, "body": kwargs},
                                    ensure_ascii=False)
    write_atomic(target, "\n".join(lines.values()) + "\n")
    return len(lines)
