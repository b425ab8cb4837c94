"""Render briefings, digests and a batch's index as Markdown, HTML and JSON; rendering never calls the LLM."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..redact import ACTIVE, shown

if TYPE_CHECKING:  # a batch rerun escapes its index with `md` and needs none of these
    from jinja2 import Environment
    from markupsafe import Markup

    from ..briefing.model import Briefing
    from ..checks import Check
    from ..reports import Digest, Outcome, Pairing, Said
    from ..text import Article

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def visible(text: object) -> object:
    """Text with control and bidi characters shown (␛, <U+202E>) instead of acted on; other values as they are."""
    if not isinstance(text, str) or not ACTIVE.search(text):
        return text
    out = shown(text)
    return type(text)(out) if type(text) is not str else out  # keeps Markup as Markup


def md(text: object) -> str:
    """Escape article-derived text so it cannot inject links, images, HTML, tables or terminal sequences."""
    s = " ".join(str(visible(str(text))).split())
    return _MD_SPECIAL.sub(r"\\\1", s)


def refs(ids: list[str]) -> str:
    """`[S3] [S5]` references to the evidence section."""
    return " ".join(f"[{sid}]" for sid in ids)


def md_with_refs(text: str) -> str:
    """Escape text but keep its trailing `[S1, S2]` citations as references."""
    from ..briefing.model import split_refs

    body, ids = split_refs(text)
    return md(body) + (f" {refs(ids)}" if ids else "")


def article_spans(article: Article) -> list[tuple[str | None, str]]:
    """The article as (sentence id or None, text) pieces that add up to the whole text."""
    pieces: list[tuple[str | None, str]] = []
    at = 0
    for s in article.sentences:
        if s.start > at:
            pieces.append((None, article.text[at : s.start]))
        pieces.append((s.id, s.text))
        at = s.end
    if at < len(article.text):
        pieces.append((None, article.text[at:]))
    return pieces


def _environment(autoescape: bool, keep_trailing_newline: bool = False) -> Environment:
    """Jinja over this folder's templates; strict, so a missing field fails instead of rendering empty."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(Path(__file__).parent), undefined=StrictUndefined, finalize=visible,
        trim_blocks=True, lstrip_blocks=True, autoescape=autoescape, keep_trailing_newline=keep_trailing_newline,
    )


@cache
def _html_env() -> Environment:
    from ..briefing.model import split_refs

    env = _environment(autoescape=True)
    env.filters.update(split_refs=split_refs, marked=marked)
    return env


def marked(text: str, words: list[str]) -> Markup:
    """Text escaped for HTML, with each of `words` (whole words) marked as not in the cited sentences."""
    from markupsafe import Markup, escape

    if not words:
        return escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    out, at = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[at:m.start()]), Markup('<span class="added" title="not in the cited sentences">'),
                escape(m.group(0)), Markup("</span>")]
        at = m.end()
    return Markup("").join([*out, escape(text[at:])])


def to_html(briefing: Briefing, article: Article) -> str:
    """One self-contained HTML page: the briefing beside the article, sentences linked both ways."""
    cited_by: dict[str, list[str]] = {}

    def cite(label: str, ids: list[str]) -> str:
        for sid in ids:
            cited_by.setdefault(sid, []).append(label)
        return " ".join(ids)

    from ..text.language import name_of

    return _html_env().get_template("briefing.html.j2").render(
        b=briefing, pieces=article_spans(article), cite=cite, cited_by=cited_by, language_name=name_of,
        suspicious=article.suspicious,
    )


@cache
def _env() -> Environment:
    env = _environment(keep_trailing_newline=True, autoescape=False)
    from ..text.language import name_of

    env.filters.update(md=md, refs=refs, md_with_refs=md_with_refs, language=name_of)
    return env


def to_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown."""
    return _env().get_template("briefing.md.j2").render(b=briefing)


def digest_markdown(digest: Digest) -> str:
    """The cross-article digest as Markdown."""
    return _digest_markdown(digest, html=False)


def _digest_markdown(digest: Digest, html: bool) -> str:
    """The digest as Markdown; for the HTML page, its pairings left to `pairings.html.j2` (a marker line)."""
    shared = [a for a in digest.actors if len({r.source for r in a.refs}) > 1]
    single = [a for a in digest.actors if a not in shared]
    # One claim denied in several places is one disagreement: its denials under it, in the order found.
    denied: dict[tuple[str, str], list[Pairing]] = {}
    for p in digest.pairings:
        if p.relation == "contradiction":
            denied.setdefault((p.first.source, p.first.sentence), []).append(p)
    return _env().get_template("digest.md.j2").render(d=digest, shared=shared, single=single, html=html,
                                                      denied=list(denied.values()), agreed=_agreed(digest.pairings))


def _agreed(pairings: list[Pairing]) -> list[tuple[Said, list[tuple[Said, Pairing]]]]:
    """Agreements as one fact each: the statement most sources agree with, and those that agree with it (one
    statement of five sources is one line, not ten pairs); a pair joins the side already shown, else its side
    that the most pairs share."""
    def at(said: Said) -> tuple[str, str]:
        return said.source, said.sentence

    agreements = [p for p in pairings if p.relation == "agreement"]
    degree = Counter(at(s) for p in agreements for s in (p.first, p.second))
    groups: dict[tuple[str, str], tuple[Said, list[tuple[Said, Pairing]]]] = {}
    for p in sorted(agreements, key=lambda p: -max(degree[at(p.first)], degree[at(p.second)])):
        hub, said = max((p.first, p.second), (p.second, p.first), key=lambda pair: (at(pair[0]) in groups,
                                                                                    degree[at(pair[0])]))
        groups.setdefault(at(hub), (hub, []))[1].append((said, p))
    return list(groups.values())


def digest_html(digest: Digest) -> str:
    """The cross-article digest as one self-contained HTML page; each agreement and contradiction opens onto its
    two sentences side by side, each in its article's neighbouring sentences."""
    titles = {s.id: s.title or s.source for s in digest.sources}
    pairs = _html_env().get_template("pairings.html.j2").render(d=digest, titles=titles)
    page = _page(f"Digest: {len(digest.sources)} sources", _digest_markdown(digest, html=True))
    return page.replace("<p>%%pairings%%</p>", pairs, 1)


def check_markdown(check: Check) -> str:
    """A summary's check as Markdown."""
    supported = sum(s.verdict == "supported" for s in check.sentences)
    return _env().get_template("check.md.j2").render(check=check, supported=supported)


def check_html(check: Check) -> str:
    """A summary's check as one self-contained HTML page."""
    return _page(f"Check: {check.article}", check_markdown(check))


def _page(title: str, markdown: str) -> str:
    """Markdown made one self-contained HTML page (raw HTML in it stays text)."""
    import html

    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)}</title><style>{_DIGEST_CSS}</style>"
        f"</head><body>{body}</body></html>\n"
    )


_DIGEST_CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:24px auto;padding:0 16px;color:#1d232b}"
    "table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid #d8dde3;"
    "padding:4px 8px;text-align:left;vertical-align:top}h2{color:#1f5fa8}@media print{body{margin:0}}"
    "details.pair{border:1px solid #d8dde3;border-radius:4px;margin:6px 0;padding:4px 8px}summary{cursor:pointer}"
    ".sides{display:flex;gap:16px;margin-top:8px}.side{flex:1;min-width:0}.side h4{margin:0 0 4px}"
    "mark{background:#fff3b0}.contradiction summary b{color:#a8321f}.agreement summary b{color:#1f7a3a}"
)


def to_json(briefing: Briefing) -> str:
    """The briefing as JSON (the documented contract)."""
    return briefing.model_dump_json(indent=2) + "\n"


def batch_index(outcomes: list[Outcome], formats: list[str]) -> str:
    """A batch's Markdown index: one row per article, every text escaped like the briefings."""
    rows = ["# Batch index", "", "| Article | Bottom line | Actors | Trend | Status | Seconds | Tokens |",
            "|---|---|---|---|---|---|---|"]
    for o in outcomes:
        # The file name is article-derived too: escaped as text, percent-encoded as a link target.
        link = f"[{md(o.name)}]({quote(f'{o.name}.{formats[0]}')})" if o.status != "failed" else md(o.name)
        line = o.bottom_line if len(o.bottom_line) <= 160 else o.bottom_line[:157] + "…"
        status = f"failed: {md(o.reason or '')}" if o.status == "failed" else o.status
        rows.append(f"| {link} | {md(line)} | {md(o.actors)} | {md(o.trend)} | {status} | {o.seconds:.1f} | {o.tokens} |")
    done = sum(o.status == "done" for o in outcomes)
    cached = sum(o.status == "cached" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    return "\n".join([*rows, "", f"{done} briefed, {cached} already done, {failed} failed."]) + "\n"
