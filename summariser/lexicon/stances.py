"""Stances and negations that set two statements from different sources against each other (the digest)."""

from __future__ import annotations

# Stances that pull in opposite directions: a pair across sources is a contradiction candidate. From the stance
# labels of the briefing schema (general).
OPPOSED_STANCES = {
    ("optimistic", "pessimistic"), ("optimistic", "warning"), ("assertion", "denial"), ("denial", "warning"),
}
# Words that negate a statement ("not", "denied", "refused", "n't"), as a regular expression. General English.
NEGATION = r"\b(not|no|never|nor|cannot|deny|denies|denied|reject\w*|refus\w*|fail\w*)\b|n't\b"
