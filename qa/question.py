"""What a question asks for: its content terms, the names in it, and the kind of answer it expects."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from qa.places import is_country_or_region
from qa.text import QUESTION_WORDS, content_terms, stem, stopwords, words

# Nouns for people by role: "which official", "who is the foreign minister".
PERSON_ROLES = (
    "person official leader president minister envoy negotiator spokesperson spokesman spokeswoman adviser advisor"
    " aide assistant helper diplomat politician lawmaker analyst expert senator congressman congresswoman governor"
    " general commander ambassador secretary mayor chancellor judge chief director journalist reporter professor"
    " economist speaker"
).split()
# Honorifics: "Mr. Putin" names Putin.
_HONORIFICS = frozenset("mr mrs ms dr sir madam".split())
# Words of a title before a name, not the name: "President Putin" names Putin; "President JD Vance" names no one
# new when "JD Vance" is asked about.
TITLES = (
    frozenset(
        """president vice prime minister secretary chancellor senator governor general ambassador envoy spokesperson
        lord king queen prince former deputy foreign defense defence state""".split()
    )
    | _HONORIFICS
)
TITLE_STEMS = frozenset(map(stem, TITLES))
# Words for the same role: a "spokesman" is the articles' "spokesperson".
_SAME_ROLE = [
    {"spokesman", "spokeswoman", "spokesperson", "speaker"},
    {"adviser", "advisor", "aide", "assistant", "helper"},
    {"congressman", "congresswoman", "lawmaker", "senator"},
    {"chief", "head", "director", "leader"},
    {"journalist", "reporter"},
]


# Words for a narrower role the articles may give someone a question names by a broader one: "the French
# leader" is "French President Emmanuel Macron" (but a "president" is no "leader" of any kind).
_NARROWER_ROLES = {"leader": {"president", "premier", "chancellor", "prime minister"}}


def role_words(role: str) -> set[str]:
    """A role and the words the articles may use for it instead."""
    return next((group for group in _SAME_ROLE if role in group), {role}) | _NARROWER_ROLES.get(role, set())


def role_stems(role: str) -> set[str]:
    """The stems of ``role_words``."""
    return {stem(w) for w in role_words(role)}


_ROLE_PHRASE = re.compile(r"\b(?:who|that|which|whose|when|where|in|at|during|after|before|and)\b|[,;?]")  # ends it
# A participle right after the role opens what the holder did, no part of the role: "the Zelensky aide quoted in
# ...", "the Russian negotiator complaining that ..."
_ROLE_THEN_PARTICIPLE = re.compile(r"\b((?:" + "|".join(PERSON_ROLES) + r")s?)\s+[a-z]+(?:ed|ing)\b.*")
_ROLE_RE = re.compile(
    r"^(?:which|(?P<holder>who(?: is| was| are| were|['’]?s)(?: the|(?= [a-z]+['’]s\b))"
    r"|what(?: is|['’]s) the name of(?: the)?))"
    r"\s+((?:[a-z'’-]+\s+){0,3}?(?:" + "|".join(PERSON_ROLES) + r"))s?\b"
)
# Up to two words before the noun a "which" question asks for ("which European cities"), none of them a verb
# or article ("what does the country want?" asks for no place) or "kind of".
_AUX = r"(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|may|might|must)\b"
_MODIFIERS = (
    r"(?:(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|the|a|an|kind|sort|type)\b)[a-z-]+ ){0,2}"
)
# "What is the name of the grouping of Western states ...?" asks for no person
_NO_THING = (
    r"(?! (?:[a-z-]+ ){0,4}(?:groups?|groupings?|coalitions?|alliances?|blocs?|organi[sz]ations?|agenc(?:y|ies)"
    r"|think-tanks?|programmes?|programs?|shows?|networks?|platforms?|outlets?|channels?|newspapers?|apps?"
    r"|websites?|plans?|deals?|documents?|agreements?|operations?|summits?|cities|city|towns?|places?"
    r"|countr(?:y|ies)|regions?|palaces?|buildings?)\b)"
)
# Places inside a city, which a "which building / street / district" question asks for
SITE_NOUNS = r"buildings?|venues?|districts?|neighbou?rhoods?|streets?|hotels?|palaces?"
_TYPES = (
    ("reason", r"^(why|for what reason|how come|what (is|was|are|were) the (reasons?|causes?) (for|of|behind|why))\b"),
    (
        "number",
        r"^(((by|to|in|of|from|with|at) )?how (many|much|old|long|far|big|large|often)"  # "To how many troops"
        r"|for how many"  # "For how many days ...?"; "For how long ...?" typed as a duration lost 3 answers
        r"|what (number|percentage|share|amount|proportion|cap|ceiling|limit|size|maximum|minimum)"
        r"|what (is|was|are|were) the ((total|overall|exact|approximate|estimated) )?(number|death toll|toll|total)"
        r"|what (is|was|are|were) the ((total|overall|exact|approximate|estimated) )?((dollar|monetary|cash) )?"
        r"(value|worth|cost|price)"  # a sum of money (see sentence_checks' money questions)
        r"|(by )?how much)\b",
    ),
    (
        "date",
        r"^((on |in |by |until )?(what|which) "
        + _MODIFIERS  # "what exact date", "what target dates"
        + r"(date|day|year|month)s?|when|what time|by when|until when"
        # "What's the exact date of the London round?"
        r"|what(['’]s| is| was| are| were) the ((exact|specific|precise|calendar|full|target|planned) )?dates?)\b",
    ),
    (
        "person",  # "... - what are their names?"
        r"^(what|which) (is|was|are|were) (the names? of|(his|her|their) names?)\b"
        + _NO_THING
        + r"|^what['’]s the names? of\b"
        + _NO_THING
        + r"|^name the\b",
    ),
    (
        "person",
        # "which ministers" may want roles; "Which city was Vice President JD Vance ...?" asks for no president
        r"^(who|whom|which ((?!" + _AUX + r")[a-z]+ ){0,3}(" + "|".join(PERSON_ROLES) + r"))\b",
    ),
    (
        "media",
        r"^((on|to|in|with|for) )?(which|what) ((tv|television|news|radio|cable|media|sunday|morning|evening|talk"
        r"|social media|online) )?(programmes?|programs?|shows?|networks?|channels?|outlets?|newspapers?|broadcasters?"
        r"|stations?|publications?|platforms?|websites?|apps?)\b",
    ),
    (
        "place",
        r"^(where(?! (?:do|does|did|will|would) [^?]{0,60}\bstands?\b)|(in |to |at |from )?(which|what) "
        + _MODIFIERS  # "which European cities"; "what place did the drone hit" may be "a bakery", no name
        + r"(city|cities|country|countries|capital|region|regions|town|towns|nation|"
        + SITE_NOUNS
        + r"))\b",
    ),
)

# What "how many" counts when no auxiliary ends it ("How many children get hurt?"): the next word, after a
# demonym ("how many Ukrainian civilians died").
_COUNTED = re.compile(
    r"\bhow (?:many|much)\s+((?:more\s+|other\s+)?(?:[a-z-]+(?:ian|ean)\s+)?"
    # "how many dead children" counts children (a plural after the toll), "how many dead and ..." the dead
    r"(?:(?:dead|injured|wounded)\s+(?=(?!(?:was|has|is|does|this|us)\b)[a-z-]*(?:s|ren|men|ple)\b))?[a-z-]+)"
)
_NUMBER_OF = re.compile(
    r"\bnumber of\s+((?:[a-z-]+\s+){0,2}?(?:[a-z-]+s|people|children|men|women))\b"
)  # "the total number of Ukrainian soldiers"
# A clause before the question proper: "Apart from Geneva, ...", "According to Rubio, ...".
_WH = r"(?:what|which|who|whom|whose|when|where|why|how)\b"
_WH_AFTER_PREPOSITION = rf"(?:(?:in|on|at|by|for|from|to|with|of) )?{_WH}"  # "In which city ...?"
_YES_NO_AUX = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b"  # "Is ...?", "Did ...?"
_SETTING_ASIDE = r"apart from|aside from|besides|other than|except for"  # "Apart from Kyiv, ..."
_LEADING_HEDGE = r"exactly|precisely|roughly|approximately"  # "roughly how long ...?"
_LEADING_CLAUSE = re.compile(
    rf"^(?:(?:{_SETTING_ASIDE}|in addition to|according to)\b[^,?]{{1,80}},\s*"
    rf"|(?:{_LEADING_HEDGE}|and|so|but) "
    # any other phrase before the question proper: "Under the 28-point plan, how many troops ...?"
    rf"|(?:(?!\b{_WH})[^,?]){{1,80}},\s*(?=(?:(?:{_LEADING_HEDGE}) )?"
    rf"{_WH_AFTER_PREPOSITION}|{_YES_NO_AUX}))"
)
# What a reader says before asking: "Rubio warned the US might walk away. On which TV programme did he say that?",
# "The ministers flew to Paris - what are their names?". The question proper is the last one after such a break.
_LEAD_IN = re.compile(rf"^.*(?:[.!?;:]|\s[-–—])\s+(?={_WH_AFTER_PREPOSITION}|{_YES_NO_AUX})")
# Words a chat question opens with before asking: "ok so what does russia want", "basically why ..."
_FILLERS = re.compile(
    r"^(?:(?:ok(?:ay)?|so|well|basically|alright|hey|um+|uh+|and|but|also|actually|now|honestly)\b,?\s+)+"
    rf"(?={_WH}|{_YES_NO_AUX})"
)
# The documents themselves as the subject of "say": "do the articles say", "does the CNN piece say".
_DOCUMENTS = re.compile(
    r"(?:(?:the|these|this|that|those|your|my) )?(?:[\w.’'&-]+ )?"
    r"(?:articles?|reports?|coverage|pieces?|stor(?:y|ies)|texts?|documents?|sources?|news|files?|explainers?"
    r"|overviews?|summar(?:y|ies)|briefings?|analys[ie]s|write-?ups?) "
)
# A question that ends on one-word choices: "was it their first, second or third?", "carrots, sticks, or both?"
_CHOICE_END = re.compile(r"(?:\b[A-Za-z-]+,\s+)+[A-Za-z-]+,?\s+or\s+[A-Za-z-]+\?*$|\b[A-Za-z-]+\s+or\s+[A-Za-z-]+\?*$")
_DOCUMENT_NAMED = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+((?:[A-Z][\w.’'&-]*\s+){1,2})"
    r"(?:piece|article|story|report|explainer|overview|account|write-?up)\b"
)  # "the CNN piece", "the Q&A explainer", "The FeedWire piece"
# A day naming a kind of programme, no name the articles must hold: "Which Sunday show ...?"
_PROGRAMME_KIND = re.compile(r"\b(Sunday|Saturday|Morning|Evening)\s+(?=(?:programmes?|programs?|shows?)\b)", re.I)
# Words that sharpen a question without naming what it asks for: "what exactly were they?"
_HEDGES = frozenset("exactly precisely actually specifically really roughly approximately else".split())
# "How much deadlier was ...?" asks for a multiple or a difference: the comparative is no thing counted.
COMPARATIVES = frozenset(
    """more less fewer greater larger bigger smaller higher lower worse better longer shorter stronger weaker
    faster slower wider deadlier costlier heavier""".split()
)
_EXCLUDING = re.compile(
    rf"(?i:\b(?:{_SETTING_ASIDE}|except|excluding|not counting))\s+"
    r"(?:the\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*)*"
)
# "How long ...?" asks for an amount: its "long" names no topic (it matched "a long-stalled minerals deal")
_HOW_ADJECTIVE = re.compile(r"\bhow\s+(?:long|far|often)\b", re.I)
_IMPERATIVE = re.compile(r"^(?:name|list|identify)\s+(?=the|all|two|three|four|five|some|any|which|who|what)\b", re.I)
_NAME_THE = re.compile(r"^(?:name|list|identify) (?:the |all (?:the )?|both )?")
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")
# Common nouns written in capitals: they name no one, so an article need not mention them.
COMMON_ACRONYMS = frozenset("tv ceo cfo gdp ai pm vp am faq id hq ngo ngos vip pr ok".split())
# How a sentence that asks begins; shared with the FAQ finder.
QUESTION_START = re.compile(
    r"^(what|what's|what’s|how|who|whom|whose|why|when|where|which|is|are|was|were|can|could|do|does|did|will"
    r"|would|should|has|have|had|may|might|must|shall)\b",
    re.IGNORECASE,
)
# Verbs of saying; "Secretary of State" is no "state".
_SAYING = (
    r"say|says|said|saying|tell|told|telling|claim|claimed|claiming|(?<!of )state|stated|write|wrote|post|posted|remark"
)
# "What did X say/tell..." asks for someone's words: evidence must report speech, not only the occasion.
SPEECH_QUESTION_RE = re.compile(
    r"(?:^|[,;:] )(?:(?:what|how|which)(?! (?:many|much|long|old|often|far|big|large)\b)(?: [a-z-]+){0,3}?"
    r" (?:did|does|do|has|have|had|is|was|will|would)|what['’]s) (?P<speaker>(?:[^,;\s]+ ){0,5}?)"
    r"(?:" + _SAYING + r"|declare|declared|suggest(?:ing)?|warn(?:ing)?|hint(?:ing)?|threaten|predict(?:ing)?|promise"
    r"|insist(?:ing)?|argu(?:e|ing)|describe|characteri[sz]e|label)\b"
)
# "What criticism has been made of X?", "How have critics described X?": the answer reports what was said
# ("..., according to critics?" only says whose view is asked for).
JUDGEMENT_RE = re.compile(
    r"^(?:what|how)\b.*(?<!according to )"
    r"\b(?:criticism|criticisms|critics|criticized|criticised|accusations?|accused)\b"
)
# "What did X say about Y?": the words must be about Y.
SPEECH_TOPIC_RE = re.compile(
    r"\b(?:" + _SAYING + r")\s+"
    # "about Putin after the Kyiv attack": the clause after says when, not what about
    r"(?:\w+\s+)?(?:about|regarding|concerning|on)\s+(?P<topic>.+?)"
    r"(?:\s+(?:after|before|when|during|following|while|since|once)\b.*)?\W*$"
)
# A question answered by yes or no, and the endings of words that are most likely nouns in one: what it asks
# about ("Has Ukraine held elections?", "...agreed to a referendum?"); -ing, -ed and bare verbs are left out.
YES_NO_RE = re.compile(_YES_NO_AUX)
NOUN_ENDINGS = re.compile(r"(?<![su])s$|(ion|ions|ment|ments|ness|ity|ance|ence|ship|um|ism)$")
_PRONOUN = re.compile(r"\b(?:he|she|they|it)\b")
# "Is it the case that Washington expects ...?" tells a claim: the word after its first name is a verb, whatever
# its ending, no thing the articles must mention
_TOLD_AS_TRUE = re.compile(
    r"[IiWw](?:s|as) it (?:true|the case|correct|right|so)(?: that)?\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+)+([a-z]+s)\b"
)
# "How many points does Ukraine's counterproposal contain?": the counted thing belongs to what follows the
# possessive, a thing the articles must mention (a hyphenated word is left out: the index splits "full-scale")
_OWNED = re.compile(r"(?i)\b(?:how many|how much)\b.*?\b\w+['’]s\s+([a-z]+)\b(?!-)")
# Names offered as alternatives: "in Moscow or in St Petersburg", "on X or on Truth Social", "Kyiv, Sumy or
# Kharkiv"; the reader asks which of them it was, so one of them may be absent from the articles.
_ALT_NAME = r"(?:[A-Z][\w'’.-]*|\d[\d,.]*\w*)"
_ALT_RUN = _ALT_NAME + r"(?:\s+(?:of\s+)?" + _ALT_NAME + r"){0,3}"
_ALT_LEAD = r"(?:(?:in|on|at|by|from|to|for|with|the|a|an|was|it|is)\s+){0,3}"
_ALTERNATIVES = re.compile(rf"((?:{_ALT_RUN}\s*,\s*{_ALT_LEAD})*{_ALT_RUN}),?\s+or\s+{_ALT_LEAD}({_ALT_RUN})(?![\w'’])")


def alternatives(question: str, names: list[str]) -> tuple[tuple[str, ...], ...]:
    """The name stems of each alternative a question offers ("Rome or Madrid": ("rome",), ("madrid",))."""
    groups: list[tuple[str, ...]] = []
    for match in _ALTERNATIVES.finditer(question):
        runs = [*re.split(r"\s*,\s*", match.group(1)), match.group(2)]
        found = [tuple(t for w in words(run) if (t := stem(w.lower())) in names) for run in runs]
        groups.extend(group for group in found if group)
    return tuple(groups) if len(groups) > 1 else ()


# The same asked without its auxiliary, as a learner may: "What Macron tell Rubio in the Elysee palace?"
# "what russia say about ...", not "what evidence does the think tank offer"
_SPEECH_NO_AUXILIARY = re.compile(
    r"^what (?P<speaker>(?:(?!" + _AUX + r")[^,;\s]+ ){1,4}?)(?:say|tell|think(?![- ]tanks?))\b"
)


class RoleMention(NamedTuple):
    """Someone a question names by role: "Trump's envoy" is role "envoy", qualifiers ("trump",)."""

    role: str  # the role word, lower-cased
    qualifiers: tuple[str, ...]  # stems of the words that narrow it down

    @property
    def stems(self) -> tuple[str, ...]:
        """All its stems: qualifiers and role."""
        return (*self.qualifiers, stem(self.role))


@dataclass(frozen=True)
class QuestionInfo:
    """The parts of a question that evidence must match."""

    text: str
    terms: list[str]  # content-term stems
    names: list[str]  # stems of capitalised words and numbers: what a source must mention
    qtype: str  # number | date | person | place | media | reason | describe | other
    focus: list[str]  # stems of the noun phrase after "how many" / "which": "dollar" in "how many dollars"
    wants_list: bool  # the question asks for several things ("which cities", "what dates")
    asks_speech: bool = False  # "what did X say": the answer is someone's words
    speaker: tuple[str, ...] = ()  # stems naming X in "what did X say"
    # in a yes/no question, stems of its noun-like words ("elections", "referendum"); in a number question, what
    # the counted thing belongs to ("counterproposal")
    subjects: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()  # stems of Y in "what did X say about Y"
    role: str = ""  # the role a "which official" / "who is the foreign minister" question asks the holder of
    asks_holder: bool = False  # "who is the foreign minister?": the answer names whoever holds that role
    role_terms: tuple[str, ...] = ()  # stems of that role's whole phrase ("US Secretary of Defense")
    asks_judgement: bool = False  # "what criticism has been made of X?": the answer reports criticism of X
    role_mentions: tuple[RoleMention, ...] = ()  # people named by role: "the Russian president"
    initials: tuple[tuple[str, str], ...] = ()  # (stem, initials) of names written out: ("unit", "us"), ("state", "us")
    choices: tuple[str, ...] = ()  # stems of the one-word choices a question ends on: "first, second or third?"
    alternatives: tuple[tuple[str, ...], ...] = ()  # names offered as alternatives: ("rome",), ("madrid",)
    demands_of: str = ""  # the stem of X in "What does X want / demand / ask for?": the answer is what X asks


# A search-box query is a question without its question words: "name of Ukraine's foreign minister", "kremlin
# spokesperson name", "sumy strike death toll", "criticism of trump's approach". Each is read as the question it
# stands for, so that its answer is checked for what it asks (a name, a toll, a criticism), as the question's is.
_KEYWORD_FORMS = tuple(
    (re.compile(pattern, re.IGNORECASE), form)
    for pattern, form in (
        (r"^(?:the\s+)?names\s+of\s+(?P<rest>.+)$", "what are the names of {rest}"),
        (r"^(?:the\s+)?name\s+of\s+(?P<rest>.+)$", "what is the name of {rest}"),
        (r"^(?P<rest>.+?)\s+names\W*$", "what are the names of the {rest}"),
        (r"^(?P<rest>.+?)\s+name\W*$", "what is the name of the {rest}"),
        (r"^(?:the\s+)?(?:death\s+)?toll\s+(?:of|in|from)\s+(?P<rest>.+)$", "what is the death toll of {rest}"),
        (
            r"^(?:total\s+)?(?P<rest>.+?)\s+(?:death\s+toll|toll|casualties|deaths)"
            r"(?:\s+(?:to date|so far|in total))?\W*$",
            "what is the death toll of the {rest}",
        ),
        (r"^(?P<rest>(?:criticisms?|critics|accusations?)\b.+)$", "what {rest}"),
        # "Putin key demands?", "Moscow's conditions": what that side asks for
        (
            r"^(?P<rest>[^:]+?)(?:['’]s)?\s+(?:(?:key|main|top|core|latest)\s+)?(?:demands|conditions)\W*$",
            "what are the demands of {rest}",
        ),
    )
)


# A headline-style query names its topic, then what it asks of it after a colon: "Witkoff-Putin Fri mtg: city?",
# "Ex-NSC adviser critic of US pullback: who?", "US-UA minerals deal: status?". Read as the topic alone with a
# question word after it, the slot asked no one ("who?" held no role) or was a word the articles lack ("city").
_SLOT_FORMS = tuple(
    (re.compile(rf"^(?P<rest>[^:?]{{3,}}?)\s*:\s*(?P<slot>{slot})\W*$", re.IGNORECASE), form)
    for slot, form in (
        (r"who", "who is the {rest}"),
        (r"names", "what are the names of the {rest}"),
        (r"name", "what is the name of the {rest}"),
        (r"(?:which |what )?(?:cit(?:y|ies)|places?|locations?|venues?)|where", "where was the {rest}"),
        (r"(?:which |what )?(?:dates?|days?)(?: set| scheduled| planned)?|when", "when was the {rest}"),
        (r"how many|#|numbers?|counts?|totals?", "how many {rest}"),
        (r"multiple|how many times", "how many times more was the {rest}"),
        (r"how long|length|duration", "how long was the {rest}"),
        (r"why|rationale|reasons?|motives?", "what is the reason for the {rest}"),
        (r"status|where (?:does|do) (?:it|they) stand", "what is the status of the {rest}"),
        (
            r"(?:which |what )?(?:tv )?(?:shows?|programmes?|programs?|networks?|outlets?|channels?|platforms?)",
            "on which {slot} was the {rest}",
        ),
    )
)


def as_question(query: str) -> str:
    """``query`` as the question it stands for when it is a search-box query (see _KEYWORD_FORMS, _SLOT_FORMS);
    a question, or a query of no known form, as it is."""
    text = query.strip()
    low = text.lower()
    for pattern, form in _SLOT_FORMS:
        m = pattern.match(text)
        if m and not QUESTION_START.match(m.group("rest")):
            slot = re.sub(r"(?i)^(?:which|what) ", "", m.group("slot"))
            return form.format(rest=m.group("rest"), slot=slot)
    if re.search(rf"\b{_WH}", low) or QUESTION_START.match(low) or _IMPERATIVE.match(low):
        return query  # a question, not a search-box query
    for pattern, form in _KEYWORD_FORMS:
        m = pattern.match(text)
        if m:
            return form.format(rest=m.group("rest"))
    return query


_DESCRIBE = re.compile(
    r"(?i:who|what)(?: (?i:exactly|really))?(?: (?i:is|was|are|were)|['’]s)"
    r" (?:the (?:man|woman|person)(?: called| named)? )?"
    # "Who is Ukraine's foreign minister?" asks who holds the role (_ROLE_RE), "What is Ukraine's position on
    # NATO?" for the position: neither what Ukraine is
    r"(?![A-Z][\w-]*['’]s\b)[A-Z0-9]"
)

_WH_AFTER_PHRASE = re.compile(
    rf"(?:under|in|according to|after|during|per|at|on|from|since|before|with)\s+"
    rf"(?:(?!{_WH})[\w’'-]+\s+){{1,6}}?(?={_WH})"
)
_DESCRIBE_PRONOUN = re.compile(r"who(?: exactly| really)? (?:is|was) (?:he|she)\W*$")

# "What is Putin demanding ...?" asks what he does, not who or what he is; "Who is the man Trump sent to
# Moscow?" asks for the one a clause about another names
_DOING = re.compile(
    r"(?i:who|what)(?: (?i:exactly|really))? (?i:is|are|was|were) (?:[A-Z][\w’'-]*\s+){1,3}(?:[a-z]+ly\s+)?[a-z]+ing\b"
    r"|(?i:who) (?i:is|was) the (?:man|woman|person) (?:[A-Z][\w’'-]*\s+){1,3}(?!(?:and|or)\b)[a-z]+\b"
)


# News epithets for an office, in the words the articles use for it: "America's top diplomat" is the US Secretary
# of State, another country's top diplomat its foreign minister, "the Kremlin leader" the Russian president.
_EPITHETS = (
    (
        re.compile(
            r"(?i)\b(?:america['’]?s|(?:the )?u\.?s\.?['’]?s?|washington['’]?s|the american)\s+(?:top|chief) diplomat\b"
        ),
        "the US Secretary of State",
    ),
    (re.compile(r"(?i)\b(\w+['’]s)\s+(?:top|chief) diplomat\b"), r"\1 foreign minister"),
    (re.compile(r"(?i)\bthe kremlin(?: leader| chief)\b"), "the Russian president"),
    # "Who spoke for the Kremlin ...?" asks for its spokesperson
    (re.compile(r"(?i)\b(who|which \w+)\s+(?:spoke|was speaking) for (the \w+)\b"), r"\1 was \2 spokesman"),
    (re.compile(r"(?i)\b(who|which \w+)\s+(?:speaks|is speaking) for (the \w+)\b"), r"\1 is \2 spokesman"),
    # a question worded as in German or Spanish: "How is called the speaker ...?" asks the speaker's name
    (re.compile(r"(?i)^how (is|was) called\b"), r"What \1 the name of"),
    (re.compile(r"(?i)^how (are|were) called\b"), r"What \1 the names of"),
)


# A request is the question it makes: "Tell me how long the meeting lasted" asks how long it lasted, "Explain why
# Europe is uneasy" why it is, "Give me the number of points in the plan" and "I need the name of the Kremlin
# spokesman" what they are. Read as typed, the request hid what it asks for ("Tell me ..." is no "how long"
# question), so an answer that gives no duration, date or number was not refused.
_POLITE = (
    r"(?:(?:please|ok|okay|so|hi|hey)\b[,\s]+)*"
    r"(?:(?:can|could|would|will) you (?:please |kindly )?|would you be (?:so )?kind (?:enough )?(?:as )?to )?"
)
_SOMEONE = r"(?:[\w'’-]+\s+){1,6}?"  # who passes a question on: "Our listener Maria", "A caller from Ohio"
_ASKING = (
    r"(?:(?:please )?(?:tell|show|give|get|find|let|remind) me(?: please)?|explain(?: to me)?|summari[sz]e(?: for me)?"
    r"|describe"
    r"|i(?: need| want| would like|['’]d like)(?: to (?:know|find out|understand|hear|learn))?"
    r"|i(?: wonder| am wondering|['’]m wondering)|(?:help me )?(?:understand|find out|figure out)"
    # a question passed on: "Our listener Maria asks: how long ...?", "A caller wants to know who ...", "Folks are
    # asking why ...". Who passes it on is no part of it: "Maria" is no name the articles must hold.
    rf"|{_SOMEONE}(?:asks|(?:is|are) asking|(?:wants?|would like) to know|wonders|(?:is|are) wondering"
    r"|(?:is|are) curious(?: about)?|wants? (?:the|his|her|their) (?:name|number|figure|date|answer)s?))"
)
_REQUEST_WH = re.compile(rf"(?i)^{_POLITE}{_ASKING}[,:]?\s+(?={_WH_AFTER_PREPOSITION})")
_REQUEST_THE = re.compile(
    rf"(?i)^{_POLITE}{_ASKING}\s+(?P<what>the\s+(?:[a-z-]+\s+){{0,2}}?"
    r"(?P<noun>names?|numbers?|dates?|days?|times?|titles?|jobs?|roles?|sizes?|lengths?|durations?|amounts?|tolls?"
    r"|figures?|totals?"
    r"|costs?|values?|places?|locations?|cit(?:y|ies)|countr(?:y|ies)|outlets?|platforms?|reasons?))"
    r"\s+(?P<rest>(?:of|for|behind|in|on|at)\s+.+)$"
)


_TOLD_WHAT = re.compile(r"(?i)^(?P<wh>what|how|why|when|where)\s+(?P<who>(?:\S+\s+){0,4}?\S+)\s+(?P<said>said|says)\b")
_TELLING_ORDER = re.compile(r"(?i)^(?P<wh>who|what)\s+(?P<subject>[^,;]+?)\s+(?P<verb>is|are|was|were)$")


def as_asked(request: str) -> str:
    """A request in the form of the question it makes ("Tell me how long X lasted." -> "How long X lasted?",
    "I need the name of X" -> "What is the name of X?"), also after what the reader says first ("I read that X.
    Could you tell me where ...?" keeps "I read that X."), without a guess at the answer the reader adds ("who met
    them at the palace was it mack ron"); anything else as it is."""
    text = _TRAILING_GUESS.sub(r"\g<question>", request.strip())
    for m in _SENTENCE_END.finditer(text):  # the first split whose rest is a request ("Mr. Putin" is no end)
        asked = _as_asked(text[m.end() :])
        if asked != text[m.end() :]:
            return f"{text[: m.end()]}{asked}"
    return _as_asked(text)


_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")
# A wh-question ending on the reader's guess at its answer: "who met rubio at the palace in paris was it mack ron"
# ("How does Rubio describe the plan, is it final?" asks a second question)
_TRAILING_GUESS = re.compile(
    r"(?i)^(?P<question>(?:who|whom|which|where|when|what)\b(?:,?\s+[^.?!\s,]+){3,}?)[,\s]+(?:(?:or )?was|or is) it "
    r"(?!(?:true|correct|right|so|in|at|on|for|to|from|by|about|like|held|over|not)\b)[\w .’'-]{1,30}\?*$"
)


# A request for a name or number with nothing after it: "A listener wants his name.", "I need the number."
_REQUEST_ALONE = re.compile(
    rf"(?i)^(?:{_SOMEONE}wants?|i(?: want| need| would like|['’]d like)|(?:please )?(?:tell|give) me)"
    r"\s+(?P<what>(?:the|his|her|their|its)\s+(?P<noun>names?|numbers?|figures?|dates?))\W*$"
)


# "A listener wonders whether the plan is locked in": the yes/no question "Is the plan locked in?"; without an
# auxiliary ("whether Trump met Putin") the claim it checks, "Is it the case that Trump met Putin?"
_REQUEST_WHETHER = re.compile(rf"(?i)^{_POLITE}{_ASKING}[,:]?\s+(?:whether|if)\s+(?P<clause>.+)$")
_CLAUSE_AUX = re.compile(rf"(?i)^(?P<subject>(?:[\w’'-]+\s+){{1,5}}?)(?P<aux>{_YES_NO_AUX})\s+(?P<rest>.+)$")


def _as_asked(request: str) -> str:
    text = request.strip()
    m = _REQUEST_THE.match(text)
    if alone := _REQUEST_ALONE.match(text):
        asked = f"What {'are' if alone.group('noun').endswith('s') else 'is'} {alone.group('what')}"
    elif whether := _REQUEST_WHETHER.match(text):
        clause = re.sub(r"\bor whether\b", "or", whether.group("clause").rstrip(" .!?"))
        inverted = _CLAUSE_AUX.match(clause)
        asked = (
            f"{inverted['aux'].capitalize()} {inverted['subject']}{inverted['rest']}"
            if inverted
            else f"Is it the case that {clause}"
        )
    elif m and m.group("noun").startswith(("length", "duration")) and m.group("rest").startswith("of "):
        asked = f"How long is {m.group('rest')[3:]}"  # "the length of the ceasefire": how long it is
    elif m:
        verb = "are" if m.group("noun").endswith("s") else "is"
        asked = f"What {verb} {m.group('what')} {m.group('rest')}"
    elif m := _REQUEST_WH.match(text):
        asked = text[m.end() :].rstrip(" .!?")
        # "who Javed Ali is" asks "Who is Javed Ali", "what Rubio said in Paris" "what did Rubio say in Paris"
        asked = _TELLING_ORDER.sub(r"\g<wh> \g<verb> \g<subject>", asked)
        asked = _TOLD_WHAT.sub(lambda t: f"{t['wh']} {'does' if t['said'] == 'says' else 'did'} {t['who']} say", asked)
        asked = asked[:1].upper() + asked[1:]
    else:
        return request
    return asked.rstrip(" .!") + ("" if asked.endswith("?") else "?")


# Chat shorthand, spelt out: "how many ppl were killed" asks about people, a word the articles write.
_SHORTHAND = {
    "ppl": "people",
    "govt": "government",
    "gov't": "government",
    "admin": "administration",
    "abt": "about",
    "thru": "through",
    "yrs": "years",
    "intl": "international",
    "approx": "approximately",
    "info": "information",
    "tho": "though",
    # texting: "whos the kremlin spokesperson guy", "wat does russia want ... b4 a ceasefire"
    "wat": "what",
    "wats": "what's",
    "whats": "what's",
    "whos": "who's",
    "r": "are",
    "u": "you",
    "ur": "your",
    "n": "and",
    "w": "with",
    "b4": "before",
    "bc": "because",
    "cuz": "because",
    "tryna": "trying to",
    "gonna": "going to",
    "wanna": "want to",
    "yr": "year",
    "prez": "president",
    "rn": "right now",
    "mtg": "meeting",
    "wh": "White House",
    "ukr": "Ukraine",
    # headline shorthand: "Witkoff-Putin Fri mtg: city?", "Kremlin spox name?", "US-RU talks", "28-pt plan"
    "ru": "Russia",
    "ua": "Ukraine",
    "eu": "Europe",  # the articles speak of Europe and European allies, never of the EU
    "spox": "spokesman",
    "secgen": "secretary general",
    "pres": "president",
    "ok'd": "agreed to",
    "ok’d": "agreed to",
    "w/": "with",
    "pt": "point",
    "pts": "points",
    "tue": "Tuesday",
    "tues": "Tuesday",
    "thu": "Thursday",
    "thurs": "Thursday",
    "fri": "Friday",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "aug": "August",
    "sept": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}
# a one-letter word is shorthand only standing alone: not in "U.S.", "George W. Bush", "rock 'n' roll", "R&B"
_SHORTHAND_RE = re.compile(
    r"(?i)(?<![\w'’])("
    + "|".join(re.escape(k) for k in _SHORTHAND if len(k) > 1)
    + r")(?!\w)|(?<![\w'’.&-])("
    + "|".join(k for k in _SHORTHAND if len(k) == 1)
    + r")(?![\w.’'&/-])"
)


def spelt_out(question: str) -> str:
    """The question with chat shorthand written out ("ppl" is "people", "admin" "administration")."""
    return _FORMER.sub("former ", _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group().lower()], question))


_FORMER = re.compile(r"(?i)(?<![\w'’])ex-(?=[a-z])")  # "Ex-NSC adviser": a former one


def plain_epithets(question: str) -> str:
    """The question with news epithets for an office in the articles' words ("How close did America's top
    diplomat say ...?" asks what the Secretary of State said)."""
    for pattern, plain in _EPITHETS:
        question = pattern.sub(plain, question)
    return question


def _question_type(asking: str, default: str) -> str:
    """The first of ``_TYPES`` whose pattern the (lower-cased) question proper matches, else ``default``."""
    return next((name for name, pattern in _TYPES if re.search(pattern, asking)), default)


# What someone wants of the others: "What is Putin asking for in exchange ...?", "what does moscow want", "What
# conditions has Putin been demanding ...?" ("What did Rubio say when asked ...?" asks for no demand); the first
# name the question gives is whose
_ASKS_DEMANDS = re.compile(
    r"(?:what|which|list|name)\b(?!.*\b(?:when|was|were|being|be) asked\b).*?\b(?:wants?|wanting|ask(?:s|ing|ed)?\s+for"
    r"|demand(?:s|ed|ing)?|requir(?:e|es|ed|ing)|conditions?|in (?:exchange|return))\b"
)


def analyse(question: str) -> QuestionInfo:
    """Analyse a (standalone) question."""
    q = _INITIALS.sub(lambda m: m.group().replace(".", ""), as_question(" ".join(question.split())))  # "U.S." is "US"
    low = q.lower()
    # the question proper, after what the reader says first (_FILLERS, _LEAD_IN) and a leading clause: "Apart from
    # Geneva, in which city ...?" asks for a city; "Per X, roughly how ..."
    plain = _FILLERS.sub("", low)
    lead_in = _LEAD_IN.match(plain)
    after_lead = plain[lead_in.end() :] if lead_in else plain
    asking = _LEADING_CLAUSE.sub("", _LEADING_CLAUSE.sub("", after_lead))
    qtype = _question_type(asking, "other")
    # a leading phrase typed without its comma: "under the 28 pt plan how big can ukr army be"
    if qtype == "other" and (wh := _WH_AFTER_PHRASE.match(asking)):
        qtype = _question_type(asking[wh.end() :], qtype)
    named = _NAME_THE.match(asking)  # "Name the two European cities ...?" asks for what "which ..." would
    if named:
        qtype = _question_type("which " + asking[named.end() :], qtype)
    # "Who is Javed Ali?", "Who's Kirill Dmitriev?", "Who is the man Thomas Wright?", "Who exactly is X?" ask for a
    # description
    speech = SPEECH_QUESTION_RE.search(low) or _SPEECH_NO_AUXILIARY.match(low)
    if speech and _DOCUMENTS.fullmatch(speech.group("speaker")):
        speech = None  # "Which cities do the articles say Russia hit?" asks what the articles report, not for words
    # "What is Peskov saying?" asks for words; "Andriy Yermak keeps coming up. Who exactly is he?" who he is
    described = _DESCRIBE.match(q) and not speech and not _DOING.match(q)
    if described or (lead_in and _DESCRIBE_PRONOUN.match(asking)):
        qtype = "describe"
    stop = stopwords()
    # "Apart from Kyiv, which cities ...?": the answer is about anything but Kyiv
    excluded = {t for m in _EXCLUDING.finditer(q) for t in content_terms(m.group())}
    names: list[str] = []
    # "the CNN piece", "the Geneva article" name a document, not something the articles must mention
    not_names = {w.lower() for m in _DOCUMENT_NAMED.finditer(q) for w in words(m.group(1))}
    not_names.update(m.group(1).lower() for m in _PROGRAMME_KIND.finditer(q))
    for i, word in enumerate(words(q)):
        low_word = word.lower()
        if low_word in stop or low_word in QUESTION_WORDS or low_word in not_names or low_word in _HONORIFICS:
            continue
        if low_word in COMMON_ACRONYMS:  # "On which TV show...?": capitals, but no name the articles must hold
            continue
        # a capital opens every question, but a country opening a headline-style query is one: "China position
        # on peace plan?"
        if (word[:1].isupper() and (i > 0 or is_country_or_region(word))) or any(c.isdigit() for c in word):
            names.append(stem(low_word))
    focus: list[str] = []
    m = re.search(r"\b(?:how many|how much|which|what)\s+((?:[a-z-]+\s+){0,5}?[a-z-]+?)(?=\s+" + _AUX + r")", low)
    if m is None:  # no auxiliary: "How many children get hurt ...?" counts what follows "how many"
        m = _COUNTED.search(low) or _NUMBER_OF.search(low)
    if m:
        counted = words(m.group(1))
        if m.group(0).startswith("how") and counted[:1] and counted[0] in COMPARATIVES:  # "how much deadlier"
            counted = counted[1:]  # no thing counted
        focus = [stem(w) for w in counted if w not in stop and w not in QUESTION_WORDS and w not in _HEDGES]
    plural = m is not None and qtype != "number" and m.group(1).split()[-1].endswith("s")
    wants_list = plural or bool(
        re.search(r"\b(articles|coverage|reports?|reported|all the|list|who has|who have)\b", low)
        or (named and re.match(r"(?:two|three|four|five|both)\b", asking[named.end() :]))  # "Name the two cities"
    )
    judged = speech is None and bool(JUDGEMENT_RE.search(low))  # "What criticism has been made of ...?"
    speaker = tuple(content_terms(speech.group("speaker"))) if speech else ()
    about = SPEECH_TOPIC_RE.search(low) if speech else None
    topic = tuple(t for t in content_terms(about.group("topic")) if t not in speaker) if about else ()
    role = _ROLE_RE.match(asking)
    choices = _CHOICE_END.search(q)
    holder = bool(role and role.group("holder"))  # "who is the <role>", not "which <role>"
    subjects: tuple[str, ...] = ()
    # a chat opening's yes/no question keeps its words unchecked: checked, "so is Putin on board with the framework
    # or is he threatening more land grabs?" was refused for "grabs" (measured)
    if YES_NO_RE.match(low):
        said = _TOLD_AS_TRUE.match(q)
        verb = said.group(1).lower() if said else ""
        subjects = tuple(
            stem(w)
            for w in words(low)
            if w not in stop and len(w) > 3 and NOUN_ENDINGS.search(w) and stem(w) not in names and w != verb
        )
    elif qtype == "number" and (owned := _OWNED.search(q)):
        subjects = (stem(owned.group(1)),)
    asked_terms = set(content_terms(asking)) if _ASKS_DEMANDS.match(asking) else set()
    demanding = next((n for n in names if n in asked_terms and n not in TITLE_STEMS), "")
    # "Putin made demands. What is he asking for?": "he" is whoever the sentence before names first (not in one
    # sentence: "If Ukraine stays out of NATO, what does it want?" is answered as before, measured)
    if asked_terms and not demanding and lead_in and _PRONOUN.search(asking):
        demanding = next((n for n in names if n not in TITLE_STEMS), "")
    return QuestionInfo(
        q,
        # "Name the ...", the "long" of "how long": no topic
        [t for t in content_terms(_HOW_ADJECTIVE.sub("how", _IMPERATIVE.sub("", q))) if t not in excluded],
        [t for t in dict.fromkeys(names) if t not in excluded],
        qtype,
        focus,
        wants_list,
        speech is not None or judged,
        speaker,
        subjects,
        topic,
        role.group(2).split()[-1] if role else "",
        holder,
        _role_terms(asking[role.end(1) :]) if role and holder else (),
        judged,
        role_mentions(q),
        tuple((t, short) for short, stems in name_initials(q).items() for t in stems),
        tuple(content_terms(choices.group())) if choices else (),
        alternatives(q, names),
        demanding,
    )


def _role_terms(after_holder: str) -> tuple[str, ...]:
    """Stems of the role phrase a "who is the ...?" question opens with ("US Secretary of Defense")."""
    phrase = _ROLE_PHRASE.split(after_holder)[0]
    return tuple(content_terms(_ROLE_THEN_PARTICIPLE.sub(r"\1", phrase)))


# Capitalised words in a row, "of", "and", "for" and "the" between them allowed: "National Security Council".
_CAPITALISED_RUN = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|and|for|the)\s+)?[A-Z][a-z]+)+")


def name_initials(question: str) -> dict[str, tuple[str, ...]]:
    """The initials of each name of two capitalised words or more, with the stems of its words: "us" for
    "United States", "nsc" for "National Security Council" (a word opening the question is no part of it)."""
    stop = stopwords()
    found: dict[str, tuple[str, ...]] = {}
    for m in _CAPITALISED_RUN.finditer(question):
        parts = [w for w in m.group().split() if w[:1].isupper()]
        while parts and parts[0].lower() in stop:
            parts = parts[1:]
        if len(parts) >= 2:
            found["".join(w[0] for w in parts).lower()] = tuple(stem(w.lower()) for w in parts)
    return found


_ROLE_WORD = re.compile(r"\b(?:" + "|".join(PERSON_ROLES) + r")\b", re.IGNORECASE)


def role_mentions(question: str) -> tuple[RoleMention, ...]:
    """The people a question names by role: "the Russian president" (president; "russ"), "Trump's envoy"
    (envoy; "trump"), "the Secretary of State" (secretary; "state"). Up to two words before the role word (not
    an article or a question word) and an "of X" after it; a bare "the president" names no one in particular."""
    stop = stopwords()
    found = []
    for m in _ROLE_WORD.finditer(question):
        before: list[str] = []
        for w in reversed(words(question[: m.start()])[-2:]):
            if w.lower() in stop:  # "the", "which"
                break
            before.insert(0, w)
        after = re.match(r"\s+of\s+(\w+)", question[m.end() :])
        qualifiers = [*before, *([after.group(1)] if after else [])]
        if qualifiers:
            found.append(RoleMention(m.group().lower(), tuple(stem(w.lower()) for w in qualifiers)))
    return tuple(found)


def asks(sentence: str) -> bool:
    """Whether a sentence is itself a question ("What are the key objectives...?"), not a statement that
    happens to end in "?" (a quote ending “...or Secondary Sanctions?”)."""
    if "?" not in sentence:
        return False
    text = sentence.strip().strip("\"“”'’").strip()
    return text.endswith("?") and bool(QUESTION_START.match(text))


# the second question may open with a preposition: "..., and by which holiday had a full truce been hoped for?"
_PREPOSITION = r"(?:by|in|on|at|for|from|to|with|until|since|during)\s"
_COMPOUND = re.compile(
    r"^(?P<first>.+?)(?:,\s*|\s+)and\s+(?P<second>(?:" + _PREPOSITION + r"\s*)?"
    r"(?:what|which|who|whom|whose|when|where|why|how)\b.+)$",
    re.IGNORECASE,
)
_AFTER_PREPOSITION = re.compile("(?i)" + _PREPOSITION)
_ASKED_AFTER_PREPOSITION = re.compile(r"(?i)\w+\s+(?:what|which|whom|whose)\b[^,]*?\s" + _AUX)


def compound_parts(question: str) -> tuple[str, str] | None:
    """The two questions of "A, and how B?" ("Where did Witkoff meet Putin, and how many times had he met him?"),
    each ending in "?"; None for a single question."""
    m = _COMPOUND.match(" ".join(question.split()))
    if m is None:
        return None
    first, second = m.group("first").rstrip(" ,;"), m.group("second").rstrip(" ?")
    if len(words(first)) < 3 or len(words(second)) < 2:
        return None
    if _AFTER_PREPOSITION.match(second) and not _ASKED_AFTER_PREPOSITION.match(second):
        return None  # "..., and in which city?" asks the first question's place: no question of its own
    return first + "?", second[:1].upper() + second[1:] + "?"


# A reader checking a claim: "Is it true that ...?", "I heard ... Is that the right number?", "What was the actual
# toll?"
_CHECKS_CLAIM = re.compile(
    r"(?i)\b(?:is|was) (?:it|that|this) (?:true|correct|right|accurate)\b|\bis that (?:the )?(?:right|correct|real)\b"
    r"|\b(?:i|we|someone|somebody) (?:heard|read|saw|was told)\b|\btold me\b|\b(?:actual|actually|real|really)\b"
    # a claim asked back: "Witkoff met Putin in St. Petersburg, right?", "He teaches at Harvard, doesn't he?",
    # "..., I think?", "Or was it some other city?", "I remember the war being described as two years old."
    r"|,\s*(?:right|correct|yes|no|true)\?|,\s*(?:is|was|are|were|do|does|did|has|have|had|wo|would|could)n['’]t "
    r"(?:it|he|she|they|that|there|we|you|i)\?|\bi guess\?|\bor (?:was|is|were|are) it\b"
    r"|\bi (?:remember|recall|thought|believe|think)\b|\b(?:was|is) it (?:[\w’'-]+ ){1,2}(?:who|that)\b"
)
_CLAIMED_NUMBER = re.compile(r"\b(\d[\d,.]*)(?:-|\s+)([a-z]+)")


def checking_a_claim(info: QuestionInfo, known: Callable[[str], bool]) -> QuestionInfo:
    """A question checking a claimed number the articles never give ("I heard the attack injured 89 civilians.
    Is that the right number?") asks for the number they give of the same thing: how many of what follows the
    claimed number ("civilians"); the number itself is no name the articles must hold. Else a claimed place they
    never name asks where they place it (see _checking_a_place). ``known``: whether the articles hold a term."""
    if not _CHECKS_CLAIM.search(info.text):
        return info
    absent = {n for n in info.names if any(c.isdigit() for c in n) and not known(n)}
    claimed = next((m for m in _CLAIMED_NUMBER.finditer(info.text) if stem(m.group(1)) in absent), None)
    if claimed is None or claimed.group(2).lower() in stopwords():
        placed = _checking_a_place(info, known)
        return placed if placed is not info else _without_claimed_names(info, known)
    return replace(
        info,
        text=_without_claim(info.text, claimed),
        qtype="number",
        names=[n for n in info.names if n not in absent],
        terms=[t for t in info.terms if t not in absent],
        focus=[stem(claimed.group(2).lower())],
    )


def _without_claimed_names(info: QuestionInfo, known: Callable[[str], bool]) -> QuestionInfo:
    """A claim told before the question that checks it ("A post credits 'former NSC adviser Thomas Friedman' with
    saying .... What is the adviser's real name?"): the names the articles never give that only the claim holds
    are what is checked, no names the articles must hold; those the question itself asks about still are."""
    ends = list(_SENTENCE_END.finditer(info.text))
    # "Vance met the Pope, right? What did they talk about?" asks for no name, place, number or date to check
    if not ends or not _ASKS_SLOT.search(info.text[ends[-1].end() :]):
        return info
    asked = {stem(w.lower()) for w in words(info.text[ends[-1].end() :])}
    claimed = {n for n in info.names if not known(n) and n not in asked}
    if not claimed:
        return info
    return replace(
        info,
        names=[n for n in info.names if n not in claimed],
        terms=[t for t in info.terms if t not in claimed],
    )


_ASKS_SLOT = re.compile(
    r"(?i)\b(?:who|whom|whose|where|when|which|how (?:many|much|long|old)|name|real|really|actual|actually)\b"
)


def _without_claim(text: str, claimed: re.Match[str]) -> str:
    """The question without the claimed number: "injured 89 civilians" -> "injured civilians", and a compound
    whole ("a 60-day ceasefire" -> "a ceasefire": the unit is the claim's, not what is asked)."""
    compound = text[claimed.end(1) : claimed.start(2)] == "-"
    return _cut(text, claimed.start(), claimed.end() if compound else claimed.start(2))


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without ``text[start:end]``, its spaces made single."""
    return " ".join((text[:start] + text[end:]).split())


# "in Zurich", "in St. Petersburg"
_CLAIMED_PLACE = re.compile(r"\b(?:in|at|from|to|near)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\.?\s+[A-Z][\w’'-]+)*)")


def _checking_a_place(info: QuestionInfo, known: Callable[[str], bool]) -> QuestionInfo:
    """A checked claim placing something where the articles never name ("Is it true Rubio spoke from the US mission
    in Zurich?") asks where they place it: the question without the place, for a place."""
    claimed = next(
        (m for m in _CLAIMED_PLACE.finditer(info.text) if not any(known(stem(w.lower())) for w in words(m.group(1)))),
        None,
    )
    if claimed is None:
        return info
    place = {stem(w.lower()) for w in words(claimed.group(1))}
    return replace(
        info,
        text=_cut(info.text, claimed.start(), claimed.end()),
        qtype="place",
        names=[n for n in info.names if n not in place],
        terms=[t for t in info.terms if t not in place],
        focus=[],
    )
