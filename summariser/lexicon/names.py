"""Actors' names: which tagged entities can be actors, the usual names of states, spelling variants, small words."""

from __future__ import annotations

# spaCy entity labels that name actors (people, organisations, states and cities). spaCy's label scheme.
ACTOR_LABELS = {"PERSON", "ORG", "GPE"}
# Short and former names of a state, each the same state by another name ("the US", "Britain", "Burma"): a meaning
# check takes one for another. General (abbreviations and former names), written while the first development
# articles were read; "burma" from an unlabelled FRANK article, "gb" ("Team GB") from one that a check flagged.
STATE_NAMES = {
    "us": "united states", "u.s.": "united states", "u.s": "united states", "usa": "united states", "america": "united states",
    "the united states": "united states", "russian federation": "russia", "prc": "china",
    "uk": "united kingdom", "u.k.": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
    "gb": "united kingdom", "dprk": "north korea", "burma": "myanmar",
}
# Capitals and seats that news uses for a state ("Moscow said"): one actor with it, but a place of its own to a
# meaning check. General (world capitals), written while the first development articles were read.
SEATS = {
    "washington": "united states", "moscow": "russia", "kremlin": "russia", "kyiv": "ukraine", "kiev": "ukraine",
    "beijing": "china", "berlin": "germany", "london": "united kingdom", "paris": "france", "tehran": "iran",
    "damascus": "syria", "pyongyang": "north korea", "manila": "philippines", "taipei": "taiwan", "ankara": "turkey",
    "seoul": "south korea", "tokyo": "japan", "new delhi": "india", "islamabad": "pakistan",
}
# A state's other names and seats: one actor each. The two lists above, together.
ALIASES = STATE_NAMES | SEATS
# The world's states by their usual English short names, lower-cased: a name tagged as a person or an organisation
# ("Jordan") is still a state. General knowledge (UN member and observer states, and Taiwan and Kosovo), written as a
# whole list, not from the answer keys.
COUNTRIES = {
    "afghanistan", "albania", "algeria", "andorra", "angola", "antigua and barbuda", "argentina", "armenia",
    "australia", "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados", "belarus", "belgium",
    "belize", "benin", "bhutan", "bolivia", "bosnia and herzegovina", "botswana", "brazil", "brunei", "bulgaria",
    "burkina faso", "burundi", "cambodia", "cameroon", "canada", "cape verde", "central african republic", "chad",
    "chile", "china", "colombia", "comoros", "congo", "costa rica", "croatia", "cuba", "cyprus", "czech republic",
    "czechia", "denmark", "djibouti", "dominica", "dominican republic", "ecuador", "egypt", "el salvador",
    "equatorial guinea", "eritrea", "estonia", "eswatini", "ethiopia", "fiji", "finland", "france", "gabon",
    "gambia", "georgia", "germany", "ghana", "greece", "grenada", "guatemala", "guinea", "guinea-bissau", "guyana",
    "haiti", "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland", "israel", "italy",
    "ivory coast", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "kiribati", "kosovo", "kuwait",
    "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya", "liechtenstein", "lithuania",
    "luxembourg", "madagascar", "malawi", "malaysia", "maldives", "mali", "malta", "marshall islands", "mauritania",
    "mauritius", "mexico", "micronesia", "moldova", "monaco", "mongolia", "montenegro", "morocco", "mozambique",
    "myanmar", "namibia", "nauru", "nepal", "netherlands", "new zealand", "nicaragua", "niger", "nigeria",
    "north korea", "north macedonia", "norway", "oman", "pakistan", "palau", "palestine", "panama",
    "papua new guinea", "paraguay", "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia",
    "rwanda", "saint kitts and nevis", "saint lucia", "samoa", "san marino", "saudi arabia", "senegal", "serbia",
    "seychelles", "sierra leone", "singapore", "slovakia", "slovenia", "solomon islands", "somalia", "south africa",
    "south korea", "south sudan", "spain", "sri lanka", "sudan", "suriname", "sweden", "switzerland", "syria",
    "taiwan", "tajikistan", "tanzania", "thailand", "timor-leste", "togo", "tonga", "trinidad and tobago",
    "tunisia", "turkey", "turkmenistan", "tuvalu", "uganda", "ukraine", "united arab emirates", "united kingdom",
    "united states", "uruguay", "uzbekistan", "vanuatu", "vatican", "venezuela", "vietnam", "yemen", "zambia",
    "zimbabwe",
}
# Places that are a state's kind as parties, though no UN member: the United Kingdom's nations and former states
# ("Scotland voted", "the Soviet Union signed"). General knowledge, written as a whole list from the unlabelled
# FRANK and cluster articles' places (not from the answer keys).
STATE_LIKE = {"england", "scotland", "wales", "northern ireland", "soviet union", "ussr", "yugoslavia",
              "czechoslovakia", "east germany", "west germany"}
# Transliteration: Arabic article prefixes dropped from a surname ("al-Mekdad" is "Mekdad"); added for
# frank_xsum_26065545 (Faisal al-Mekdad).
SURNAME_PREFIXES = r"^(?:al|el|ad|as|an|ar|at|az)-"
# Transliteration: the endings of one Slavic surname in English spellings ("Zelenskiy"/"Zelensky",
# "Nebenzia"/"Nebenzya"); added for semeval25_EN_UA_004616 and semeval25_EN_UA_011260.
SURNAME_ENDINGS = r"(?:iy|yi|ii|ij|yy)$"
# Transliteration: a surname's final "-ia" spelt "-ya" ("Nebenzia"/"Nebenzya"); added for the same articles.
SURNAME_IA = r"(?<=[a-z])ia$"
# Words that carry no identity: a name made only of these is not checkable. General English and name particles.
NAME_STOPWORDS = {"the", "of", "and", "for", "in", "on", "at", "to", "a", "an", "de", "al", "von", "van"}
# The small words inside a proper name ("Ministry of Defence", "Organisation for the Prohibition"). General.
CONNECTING = {"of", "for", "the", "and", "on", "de", "la", "al"}
# Capitalised words before a title that are not part of it ("On Monday The Russian President Vladimir Putin").
# General English; added for that phrase in a development article.
TITLE_ARTICLES = {"The", "A", "An"}
# Capitalised small words that open a sentence before a title ("In Kyiv", "And", "If Putin does not pay": the last
# from an unlabelled cluster article; the question words from a FRANK article's headline, "How Britt McHenry ...");
# general English, same phrase.
TITLE_SKIP = {"The", "On", "In", "At", "And", "But", "If", "When", "While", "As", "After", "Before", "Since", "Although",
              "Though", "Because", "So", "Yet", "Or", "Now", "Then", "Meanwhile", "Still", "Also", "Earlier", "Later",
              "Last", "This", "That", "Today", "Yesterday", "By", "For", "From", "With", "Under", "According", "How",
              "Why", "What", "Where", "Who", "Which"}
# Small words that join the capitalised words of one title ("Secretary of State", "Ambassador to Russia",
# "Minister for the Interior"). General English, written for the unlabelled cluster articles, not from the keys.
TITLE_JOINS = ("of", "to", "for")
# The head of a title written before a person's name ("US Secretary of State", "Labour MSP", "Det Con"), beside the
# news titles (speech.TITLE_NOUNS): offices, ranks, court and church titles, professions and their usual
# abbreviations. A run of capitalised words before a name without one is no title ("Adrian Teklinski", "Another
# Twitter ...", "Here Comes Honey Boo Boo", "Wednesday of Managing Director Paul Downton"); of a hyphenated head,
# its last part ("Vice-President"). General English, written from the titles found in the unlabelled FRANK and
# cluster articles (not from the answer keys, which carry no roles); "pm" added in the twelfth session after "the PM
# will warn" listed as an actor in a half B key's article (a title alone is no actor: flow/decide.py's `party`).
ROLE_HEADS = {
    "secretary-general", "chairman", "chairwoman", "chair", "consul", "commissioner", "gov", "mayor", "sen",
    "representative", "rep", "congressman", "congresswoman", "lawmaker", "pm", "mp", "msp", "mep", "councillor", "cllr",
    "deputy", "judge", "justice", "sheriff", "prosecutor", "attorney", "lawyer", "barrister", "solicitor", "qc", "kc", "counsel",
    "king", "queen", "prince", "princess", "emperor", "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam",
    "sheikh", "emir", "ayatollah", "patriarch", "mufti", "lord", "baroness", "baron", "duke", "duchess", "voivode",
    "admiral", "marshal", "colonel", "col", "captain", "capt", "lieutenant", "lt", "major", "sergeant", "sgt",
    "corporal", "officer", "constable", "con", "detective", "det", "inspector", "insp",
    "superintendent", "supt", "trooper", "administrator", "aide", "adviser", "advisor", "diplomat",
    "negotiator", "author", "writer", "novelist", "journalist", "reporter", "correspondent", "editor", "columnist",
    "photographer", "actor", "actress", "singer", "rapper", "dj", "presenter", "host", "comedian", "professor",
    "prof", "dr", "doctor", "surgeon", "scientist", "researcher", "economist", "historian", "expert",
    "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "centre-back", "winger", "boss", "owner",
    "founder", "ceo", "executive", "activist", "campaigner", "resident", "shopkeeper", "chef", "agent", "speaker",
    "gen", "maj", "brig",
}
# Forms of address written before a name: they say how to address a person, not what the person does. General
# English (written for the unlabelled cluster articles' "Sir Richard Dearlove", not from the keys).
HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Sir", "Dame", "Madam", "Madame", "Monsieur", "Herr", "Frau"}
# Every form of address, academic ones too: a summary's "Ms Moon" or "Dr Kuhar" is the article's person whatever
# the article calls them, so the support check never asks the article for one. General English (FRANK half A's
# "Dr christopher Kuhar" where the article writes "Dr. Christopher Kuhar").
ADDRESS = HONORIFICS | {"Dr", "Prof", "Professor"}
# Roles that say nothing about an actor: the sections flow's old stock role and what models write for "no role".
# Written from the briefings of 2026-12-03 (82 % of the embedded default's roles were the first) and general English.
PLACEHOLDER_ROLES = {"named in the article", "mentioned in the article", "unknown", "n/a", "none", "not stated",
                     "unspecified", "actor", "key actor"}
# The ending of a nation's adjective ("Moldovan", "Chinese", "Polish", "Israeli"): before a noun it names a party
# ("Moldovan officials"), and an asset named only by it is no named unit ("Russian helicopters"). General English,
# written before scoring on the keys.
NATION_ADJECTIVE = r"(?:an|ese|ish|i)$"
# Prepositions whose object is where (or when) something happens, not a party to it ("travelled to Syria", "in
# Boston"): a name only ever after them is a place, not an actor. General English, written before scoring on the keys.
PLACE_PREPOSITIONS = {"in", "at", "to", "from", "into", "near", "across", "through", "throughout", "inside",
                      "outside", "around", "within", "towards", "toward", "via", "along", "onto", "beyond",
                      "between", "among", "amid", "off", "out", "until", "since", "during"}
# Words whose "on" or "via" names where something was published, not a party ("wrote on Twitter", "a post on
# Telegram", "imagery posted on social media outlets TikTok and Twitter", "70,000 views on YouTube"): verbs as
# lemmas, and the nouns for what is posted. Not "to": "said to the Security Council" names a party. General
# English, written from the unlabelled FRANK and cluster articles (not from the answer keys).
MEDIUM_HEADS = {"post", "write", "tweet", "share", "publish", "upload", "appear", "trend", "broadcast", "stream",
                "say", "announce", "comment", "view", "video", "photo", "picture", "clip", "account", "page",
                "channel", "message", "statement"}
# Nouns that call a name a locality ("Genichesk, a town in ...", "the city of Aleppo"): a place, not an actor.
# General English, written before scoring on the keys; "destination" added after half A's "Syria and Iraq were by
# far the biggest destinations" (frank_cnndm_8ececf760c); the compass points, "outskirts", "countryside",
# "vicinity" and "environs" ("advances south of Adeevka", "in the countryside of Donetsk") after an
# unlabelled cluster article (tests/data/clusters, semeval25_EN_UA_300073).
PLACE_NOUNS = {"town", "city", "village", "region", "province", "district", "oblast", "county", "suburb",
               "port", "capital", "area", "settlement", "neighbourhood", "neighborhood", "destination", "north",
               "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts",
               "countryside", "vicinity", "environs"}
# A dateline opening a story: the place (and its country), then the agency's credit or a dash ("Marseille, France
# (CNN)", "BAGHDAD (CNN) --", "Washington (CNN)The"), not a body's acronym ("The Organisation ... (OPCW), which").
# General news style; half A's "Marseille, France (CNN)" prompted it.
DATELINE_TAIL = (r"(?:,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*)?\s*(?:\([A-Z][\w .]*\)(?:\s*(?:—|--|-)|(?=[A-Z“\"]))|—|--)"
                 r"|,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*)*\s*\([A-Z][\w .]*\)")
