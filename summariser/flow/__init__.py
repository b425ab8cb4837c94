"""The flow of one article: plan -> ask -> verify -> assemble.

    plan.py      windows, the system prompt, the questions per window (named objects)
    assemble.py  actors, claims, posture, outlook, confidence and gaps, one function each
    run.py       plan -> ask -> verify -> assemble, owning the article's counters
"""
