"""Text: read and decode an article, split it into numbered sentences with offsets, flag text addressed to a model.

    load.py          files, stdin and HTML in; strict decoding, size and length limits; folders of articles
    segment.py       sentences S1..Sn with character offsets into the text as loaded
    instructions.py  sentences addressed to a model rather than readers (kept, never used)
    article.py       the Article: its text, sentences and flagged sentences
"""

from .article import Article
from .load import ARTICLE_SUFFIXES, from_bytes, from_text, load
from .segment import Sentence, SentenceId, by_position, position

__all__ = [
    "ARTICLE_SUFFIXES", "Article", "Sentence", "SentenceId", "by_position", "from_bytes", "from_text", "load",
    "position",
]
