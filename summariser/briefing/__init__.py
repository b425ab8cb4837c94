"""The briefing: its final types, the drafts models fill in, and the verification of both.

    model.py       the final types (Briefing, Actor, Claim, ...); imports nothing of ours
    drafts.py      the one-call draft and the small models' pick models, with their schema templates
    names.py       names and text as the checks compare them (quote styles, whitespace, aliases)
    references.py  whom cited sentences mean without naming them, and the sentence that names them
    verify.py      one check per item type, dispatched by type; the Verifier stage of an article
"""
