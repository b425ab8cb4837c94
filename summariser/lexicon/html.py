"""The web page as a browser shows it: markup and styles that keep text from being seen."""

from __future__ import annotations

# Class names that hide text from sight (kept for screen readers, or hidden outright) in common CSS frameworks:
# Bootstrap ("sr-only", "visually-hidden", "d-none", "invisible"), WordPress ("screen-reader-text"), Tailwind
# ("sr-only", "hidden"), Foundation ("show-for-sr"), and generic names for the same. General web practice.
HIDDEN_CLASSES = {
    "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only", "screenreader-only",
    "show-for-sr", "element-invisible", "a11y-hidden", "offscreen", "off-screen", "d-none", "hidden", "invisible",
    "hide", "is-hidden",
}
# Elements whose content a browser never renders as text. HTML standard.
UNRENDERED_TAGS = {"template", "noscript", "script", "style", "head"}
# Inline style declarations (property, value as a regular expression) that hide an element's text: no display, no
# visibility, no size, no opacity, clipped away, or positioned or indented far off the screen. CSS standard.
HIDING_STYLES = [
    ("display", r"none"), ("visibility", r"hidden|collapse"), ("opacity", r"0*(\.0*)?%?"),
    ("font-size", r"0*(\.0*)?(px|pt|em|rem|%)?"), ("clip", r"rect\(\s*0[^)]*\)"),
    ("clip-path", r"inset\(\s*(50%|100%)[^)]*\)|circle\(\s*0[^)]*\)"),
    ("left", r"-\d{3,}(\.\d+)?(px|em|rem)"), ("top", r"-\d{3,}(\.\d+)?(px|em|rem)"),
    ("text-indent", r"-\d{3,}(\.\d+)?(px|em|rem)"), ("height", r"0*(px)?"), ("width", r"0*(px)?"),
]
# Colours a page's text and background both take when the text is white on white. CSS named and hex white.
WHITE = {"white", "#fff", "#ffffff", "rgb(255,255,255)", "rgba(255,255,255,1)"}
# A page's furniture copied with its text: a line holding one of these is the site's, not the story's, and so
# is everything after an author-bio heading ("About the writer"). Written from development half A: "click here" and
# "follow ... on Twitter" from a BBC Monitoring footer, "get in touch with ... by emailing" and "Read more" from a
# Newsweek author bio; "sign up for" and the other networks are general web practice, as are the blog footer's
# lines "Leave a Comment", "You may also like" and "Sign up to our daily news alerts" (a WordPress page: the seed).
FURNITURE = (r"\bclick here\b|\bfollow [\w ]{1,40} on (?:twitter|facebook|instagram|x)\b|\bsign up (?:for|to)\b"
             r"|\bget in touch with \w+ by emailing\b|\bread more\W*$"
             r"|(?<![^\n])[^\w\n]*(?:leave a (?:comment|reply)|you (?:may|might) also like)[^\w\n]*(?![^\n])")
# The heading an author bio starts under, on a line of its own. General web practice (half A's Newsweek bio).
BIO_HEADING = r"^\s*about the (?:writer|author|authors|reporter)\s*$"
