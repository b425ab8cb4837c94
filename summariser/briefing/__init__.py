"""The briefing: its final types, the drafts models fill in, and the verification of both.

    model.py   the final types (Briefing, Actor, Claim, ...); imports nothing of ours
    drafts.py  the one-call draft and the small models' pick models, with their schema templates
    verify.py  one check per item type, dispatched by type; the Verifier stage of an article
"""
