"""The evidence layer: deterministic facts found by spaCy, no LLM.

    lexicon.py      word lists and aliases (speech verbs, titles, military and diplomatic words), shared with digest
    entities.py     named entities clustered into actors; people's titles
    speech.py       who says what in which sentence; quotes
    deployments.py  units and assets with number and place
    cues.py         the words that decide the trend and the trajectory, with negation and hypotheticals
    analysis.py     one article's Evidence, and its military / diplomatic sentences

Small models choose among these grounded candidates instead of writing names and quotes.
"""

from .analysis import Evidence, analyse, topics
from .entities import Entity, title_of, warm
from .speech import Speech, quotes_in

__all__ = ["Entity", "Evidence", "Speech", "analyse", "quotes_in", "title_of", "topics", "warm"]
