"""Page furniture copied with an article's text: footers ("click here", "follow us on Twitter"), author bios and
site navigation glued to a headline.

Such sentences stay in the article (offsets and ids do not move) but are not its body: no actor, claim or point
comes from them.
"""

from __future__ import annotations

import itertools
import re

from ..lexicon.html import BIO_HEADING, FURNITURE
from .segment import Sentence

_FURNITURE = re.compile(FURNITURE, re.IGNORECASE)
_BIO_HEADING = re.compile(BIO_HEADING, re.IGNORECASE | re.MULTILINE)


def furniture(text: str, sentences: list[Sentence]) -> set[str]:
    """Ids of the sentences on a line that holds furniture, or after an author-bio heading. A line, not a
    paragraph: some pages come with no blank lines at all, and a footer is one line of its own."""
    heading = _BIO_HEADING.search(text)
    cut = heading.start() if heading else len(text)
    marked = [m.start() for m in _FURNITURE.finditer(text)]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spoilt = [(a, b) for a, b in lines if any(a <= s < b for s in marked)]
    glued = {a.id for a, b in itertools.pairwise(sentences) if _glued(a.text, b.text)}
    return glued | {s.id for s in sentences if s.start >= cut or any(a <= s.start < b for a, b in spoilt)}


def _glued(sentence: str, following: str) -> bool:
    """Whether `sentence` is the one after it with words in front: site navigation glued to the headline ("Home
    Business News NATO suggests ..." above "NATO suggests ..."). Five words at least, so that a short line ("He
    said.") ending another is not taken for one."""
    return len(following.split()) >= 5 and sentence != following and sentence.endswith(following)
