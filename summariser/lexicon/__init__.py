"""Knowledge: every word list, alias and transliteration rule the rules read, on the ground floor (imports nothing
of ours). One module per kind of knowledge; each list has a comment saying what it is for and where its entries came
from — general English, or the development article that prompted an entry.

    speech.py    who speaks: speech and statement verbs, documents, titles, groups, institutions
    topics.py    military and diplomatic vocabulary, military assets, words that name no topic
    cues.py      the words that move the trend and the trajectory, negation and hypotheticals
    names.py     actors' names: spaCy labels, state aliases, transliterations, the small words inside names
    english.py   English as the text layer reads it: function words, abbreviations, language names
    stances.py   stances and negations that set two statements against each other (the digest)

Thresholds and weights tuned on the answer keys are policy, not knowledge: `flow/decide.py`.
"""
