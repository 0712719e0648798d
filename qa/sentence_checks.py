"""Checks on one candidate sentence against an analysed question: does it hold the kind of answer asked for
(a number the question does not already give, a date, a place, a name, a reason, the named speaker's own
words), or does it say that what is asked was withheld."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from qa.places import capital_elsewhere, is_city_or_larger, is_country_or_region, same_side
from qa.question import COMPARATIVES, SITE_NOUNS, TITLE_STEMS, TITLES, role_words
from qa.text import WORD, content_terms, outside_quotes, quote_balance, stem, stopwords, words

NUMBER_WORDS = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty hundred hundreds thousand thousands million millions billion
billions dozen dozens half twice double triple""".split()
MONTHS = """january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday""".split()
DATE_WORDS = [*MONTHS, *"yesterday today tomorrow week weekend month year easter christmas".split()]

# Number words and their digits: "Besides the twelve who died, ..." already gives the "killed 12".
_SPELT_NUMBERS = {w: str(i) for i, w in enumerate(NUMBER_WORDS[:19], start=1)} | {
    w: str(10 * i) for i, w in enumerate(("twenty", "thirty", "forty", "fifty"), start=2)
}
_DIGIT_NUMBERS = {d: w for w, d in _SPELT_NUMBERS.items()}
# The lookahead only skips, fast, the places where neither a digit nor a number word can start (3x faster;
# IGNORECASE makes its letters match either case).
NUMBER_RE = re.compile(
    r"\b(?=[\d" + "".join(sorted({w[0] for w in NUMBER_WORDS})) + r"])"
    r"(?:\d[\d,.]*\b|(" + "|".join(NUMBER_WORDS) + r")\b)",
    re.IGNORECASE,
)
# Month and day names only as names ("may want" is no date, "May 9" is), years, "4/20".
_YEAR_PATTERN = r"(?:19|20)\d\d"
_CALENDAR = r"\b(?:" + "|".join(m.title() for m in MONTHS) + rf")\b|\b{_YEAR_PATTERN}\b|\b\d{{1,2}}/\d{{1,2}}\b"
# Any date, the other date words ("week", "yesterday", "Easter") in any case.
# "In the near future" and "in the coming days" say when, vaguely, as an answer may have to.
DATE_RE = re.compile(
    _CALENDAR
    + r"|(?i:\b(?:"
    + "|".join(DATE_WORDS[len(MONTHS) :])
    + r")\b)|(?i:\b(?:near|foreseeable) future\b|\bin the coming (?:days|weeks|months)\b)"
)
# A date that can be read off the sentence ("in March", "2014", "4/20"), and one that refers back to a date
# the text gave before ("later that month", "the same day"): the sentence alone does not say when.
EXPLICIT_DATE_RE = re.compile(_CALENDAR + r"|\b(?i:easter|christmas)\b")
DATE_REFERENCE_RE = re.compile(
    r"(?i)\b(?:that|the same|the next|the following|the previous|the prior)\s+"
    r"(?:day|week|weekend|month|year|morning|afternoon|evening|night)\b"
)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ](?:[a-zß-öø-ÿ]+|[A-ZÀ-ÖØ-Þ]?\.?)"  # "Vance", "JD", "J.", "Zébulon"
NAME_RE = re.compile(rf"(?<!^)(?<![.!?]\s)\b{_NAME_WORD}(?:\s+{_NAME_WORD})*")
SPEAKER_RE = re.compile(r"\s+(said|says|told|wrote|added|noted|stated|argued|claimed)\b")
# A place after a preposition: "in Geneva", "to the US" (initials, but not an alliance: "to NATO").
PLACE_RE = re.compile(
    r"\b(?i:in|at|from|near|inside|outside|to|for|into|toward|towards|across|via)\s+(?:the\s+)?"
    r"((?:[A-Z][a-z]+|(?!(?:NATO|EU|UN|G7|G20)\b)[A-Z]{2,3}\b)(?:\s+[A-Z][a-z]+)*)"
)
# Where something was said or published: a quoted title it was said on (on NBC's “Meet the Press”), an outlet
# named as one (told Fox News, in The Washington Post) or a broadcaster's initials (on CNN). Alliances and
# countries written in capitals (NATO, US, EU) are not outlets.
MEDIA_RE = re.compile(
    r"\bon\s+(?:[A-Z][\w]*['’]s\s+)?[“\"][A-Z][^”\"]*"
    r"|\b[A-Z][\w]*(?:\s+[A-Z][\w]*){0,2}\s+(?:News|Times|Post|Journal|Radio|TV|Television|Press|Network|Channel)\b"
    r"|\b(?:on|told|to|with)\s+(?!(?:NATO|US|USA|UK|EU|UN|G7|G20)\b)[A-Z]{2,6}\b"
)
# "Where did X post/write/say ...?" may be answered by where it was published: "on Truth Social", "on CNN".
_WHERE_PUBLISHED = re.compile(
    r"(?i)^where\b.*?\b(?:post|posted|write|wrote|written|publish|published"
    r"|say|said|tweet|tweeted|announce|announced|tell|told|share|shared)\b"
)
_ASKS_PLATFORM = re.compile(r"(?i)\b(?:platforms?|websites?|apps?)\b")
_ON_PLATFORM = re.compile(r"\b(?:on|in|to)\s+((?:[A-Z][\w.]*)(?:\s+[A-Z][\w.]*)*)")
# "on the campaign trail", "at the border": where something happened, without a place name.
# "On the war" is a topic, not a place: "on the" takes only nouns of where things happen.
SETTING_RE = re.compile(
    r"\b(?:at the (?!same\b|time\b|moment\b|end\b|start\b|outset\b|least\b|most\b)"
    r"|on the (?=(?:campaign|ground|front|frontlines?|sidelines|streets|border|battlefield|phone|scene)\b))([a-z]+)"
)
# Titles only a person holds: "from Ukrainian President Volodymyr Zelenskyy" is a person, not a place.
_PERSONAL_TITLES = TITLES - frozenset("vice prime former deputy foreign defense defence state general lord".split())
# Before a name, words that make it the object of the sentence, not its speaker ("met with Putin").
_OBJECT_LEADS = frozenset(
    """with to at for about on of from against into toward towards over under met meet meets meeting after before
    in between than""".split()
)
# A verb of saying and "that": what follows is what was said, and a name in it is no speaker ("Rubio has assured
# that ... Ukraine's interests", "Witkoff told Fox News that ...").
_SAID_THAT = re.compile(
    r"\b(?:say|says|said|saying|tell|tells|told|telling|stat(?:e|es|ed|ing)|claim(?:s|ed|ing)?|wr(?:ite|ites|ote)"
    r"|not(?:es|ed|ing)|warn(?:s|ed|ing)?|argu(?:e|es|ed|ing)|insist(?:s|ed|ing)?|assur(?:e|es|ed|ing)"
    r"|acknowledg(?:e|es|ed|ing)|announc(?:e|es|ed|ing)|suggest(?:s|ed|ing)?|indicat(?:e|es|ed|ing)"
    r"|reiterat(?:e|es|ed|ing)|emphasi[sz](?:e|es|ed|ing)|stress(?:es|ed|ing)|contend(?:s|ed|ing)?"
    r"|declar(?:e|es|ed|ing)|predict(?:s|ed|ing)?|promis(?:e|es|ed|ing)|pledg(?:e|es|ed|ing)|vow(?:s|ed|ing)?"
    r"|confirm(?:s|ed|ing)?|admit(?:s|ted|ting)?|explain(?:s|ed|ing)?|hint(?:s|ed|ing)?|signal(?:s|led|ed|ling)?)"
    r"(?:\s+[\w’'-]+){0,2}?\s+that\b",
    re.IGNORECASE,
)
# A sentence that ends by naming who said it: "In the 22 days after the truce, ... Ukrainians ..., the Center said
# in an update Tuesday." Its speaker is the one named there (a long clause after the verb may name another).
_SAID_AT_END = re.compile(r",\s+(?P<who>[^,;]{2,60}?)\s+(?:said|says|added|wrote|noted|stated|told)\b[^,;]{0,40}$")
_PRONOUN_SUBJECTS = frozenset("he she they we i it".split())
# A sentence that ends by naming who spoke the quote before: “...,” Rubio said.
_ATTRIBUTION_END = re.compile(r"[,?!]\s*[”\"]\s*[^“”\".]{1,60}\b(?:said|says|added|wrote|told \w+)\.\s*$")
SPEECH_RE = re.compile(
    r"[“”\"]|\b(say|says|said|tell|tells|told|stat(e|es|ed)|claim(s|ed)?|writ(e|es)|wrote|post(s|ed)?|add(s|ed)"
    r"|not(e|es|ed)|warn(s|ed)?|argu(e|es|ed)|call(s|ed)|describ(e|es|ed)|characteri[sz](e|es|ed)"
    r"|label(s|led|ed|ling|ing)|insist(s|ed)?|express(es|ed)|stress(es|ed|ing)|convey(s|ed)|assur(e|es|ed)"
    r"|underscor(e|es|ed)|acknowledg(e|es|ed)|announc(e|es|ed)|suggest(s|ed)?|indicat(e|es|ed)|reiterat(e|es|ed)"
    r"|emphasi[sz](e|es|ed|ing)|contend(s|ed)?|remark(s|ed)?|comment(s|ed)?|declar(e|es|ed)|predict(s|ed)?"
    r"|promis(e|es|ed)|pledg(e|es|ed)|urg(e|es|ed)|vow(s|ed)?|accus(e|es|ed)|hint(s|ed|ing)?|signal(s|led|ed)?"
    r"|den(y|ies|ied)|confirm(s|ed)?|admit(s|ted)?|respond(s|ed)?|repl(y|ies|ied)|explain(s|ed)?|according to"
    r"|statement|interview)\b",
    re.IGNORECASE,
)
# A reason given: English causal and explanatory connectives ("because", "given", "as", "amid", "in the face of",
# "criticized Putin for continuing", "if there's no progress"). A sentence with none of them states no reason.
CAUSE_RE = re.compile(
    r"\b(because|since|(?<!even )(?<!such )as(?! well\b| an?\s| the\s)|given|due to|owing to|thanks to|in light of"
    r"|in view of|in the face of|as a result|so|therefore|hence|thus|consequently|in order to|so that|so as to"
    r"|reasons?|causes?|amid|in response|in retaliation|prompt(ed|ing|s)?|elicit(ed|ing|s)?"
    r"|(?:led|leading|lead)(?: [\w’'-]+){0,5} to"
    r"|aimed at|meant to|intended to|designed to|seeking to|in an effort to|for \w+ing|if|unless|over concerns?"
    r"|concerns?|fears?|worr(y|ied|ies)|driven by|fuel(l)?ed by|out of|until|in exchange for|in return for"
    r"|conditional on|provided that|only\b[^.;]{0,60}?\b(?:when|after|once)"
    r"|(?:alarm|concern|worri|anger|frustrat|troubl|dismay|upset|irritat|encourag|buoy|spurr|motivat|trigger|caus"
    r"|spark|provok|outrag|disappoint|shock|angr)\w* (?:by|over|at)\b)\b",
    re.IGNORECASE,
)
# A warning is explained by the harm it foresees: what doing it could, would or might bring.
_ASKS_WHY_WARNED = re.compile(
    r"(?i)^\W*why\b[^?]*\b(?:warn|warns|warned|warning|caution|cautions|cautioned)\b"
    # "Why does Wright argue that withdrawing support would be a mistake?" is a warning too
    r"|^\W*why\b[^?]*\b(?:argue|argues|argued|say|says|said|think|thinks|believe|believes)\b[^?]*"
    r"\b(?:mistake|bad idea|dangerous|risky|unwise|harmful|backfire)"
)
_HARM_FORESEEN = re.compile(r"(?i)\b(?:could|would|might|may)\s+(?:(?:not|only|also|well|further)\s+)?[a-z]+")
# A sentence that says it is not known why or whether: it weighs reasons, it gives none.
_UNCLEAR = re.compile(
    r"(?i)\b(?:(?:is|was|remains|remained)\s+(?:not\s+clear|unclear)|it['’]s\s+(?:not\s+clear|unclear))\s+(?:whether|why|if)\b"
)
# "...positive developments he would not publicly detail": the article withholds what the question asks for.
WITHHELD_RE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:would not|wouldn['’]t|did not|didn['’]t|does not|doesn['’]t|declined to|refused to"
    r"|refrained from|without)\s+(?:publicly\s+|yet\s+)?(?:detail|disclos|divulg|specif|elaborat|nam|identif|reveal)",
    re.IGNORECASE,
)

# Words after a number that do not say what it counts ("12 of", "34 during", "2.5 times").
_GENERIC_COUNTS = frozenset("people persons individuals".split())  # after a number: counts anyone
# ... but not a group a question singles out: "12 people" is no count of children.
_SUBGROUP_WORDS = frozenset(
    """children child kids minors babies infants women men girls boys soldiers troops servicemen officers
    police policemen firefighters medics doctors nurses journalists reporters students teachers workers
    prisoners hostages elderly pensioners""".split()
)
_SUBGROUPS = frozenset(map(stem, _SUBGROUP_WORDS))
PEOPLE_STEMS = frozenset(stem(w) for w in ("people", "person", "persons", "individuals"))  # anyone counted
_GENERIC_STEMS = PEOPLE_STEMS | {stem("times")}  # asked: any count
# What "12 people" can count: people (and their tolls), not missiles or buildings.
_PEOPLE = frozenset(
    stem(w)
    for w in """civilians residents citizens inhabitants victims casualties fatalities deaths dead lives injured wounded
    injuries refugees fighters passengers patients""".split()
)


def _counts_people(wanted: set[str], asked: _Asked) -> bool:
    """Whether the question counts people (``wanted``: stems of what it counts): "civilians", "deaths", or a
    people named in capitals ("Ukrainians"; "Russian missiles" are no people)."""
    return not wanted.isdisjoint(_PEOPLE) or not wanted.isdisjoint(asked.peoples)


# "days after", "for weeks": a duration given without a number.
_BARE_DURATION = re.compile(
    r"\b(?:(?:(?:a|an|one)\s+(?:second|minute|hour|day|week|month|year|decade)|seconds|minutes|hours|days|weeks"
    r"|months|years|decades)\s+(?:after|before|later|earlier|ago)"
    r"|(?:for|in)\s+(?:seconds|minutes|hours|days|weeks|months|years|decades))\b",
    re.IGNORECASE,
)
# "How long did the meeting last?" asks how long it went on: "a day after", "weeks later" only place it in time.
_ASKS_LASTING = re.compile(r"(?i)\bhow long\b.*\b(?:last|lasted|take|took|go on|went on|run|ran)\b")
_OFFSET = re.compile(
    r"(?i)\b(?:a|an|one|several|few|\d+|" + "|".join(NUMBER_WORDS[:23]) + r")\s+"
    r"(?:second|minute|hour|day|week|month|year|decade)s?\s+(?:after|before|later|earlier|ago)\b"
)
TEMPORAL_OPENING = re.compile(r"\W*(while|during|after|before|following|ahead of|when|as soon as|since)\b", re.I)
_VAGUE_COUNT = re.compile(r"\b(?:several|multiple|numerous|many|dozens of|hundreds of|thousands of)\s+(\w+)", re.I)
# What a casualty count counts: "killed 34" is no answer to "how many were injured" (but is to "died").
_TOLL_KINDS = {
    "dead": "killed kill kills killing dead died die dies deaths death fatalities",
    "hurt": "injured injuring injuries injury wounded wounding hurt",
    "missing": "missing",
    "displaced": "displaced evacuated fled",
    "held": "arrested detained captured",
}
_TOLL_WORDS = {w: kind for kind, ws in _TOLL_KINDS.items() for w in ws.split()}
_TOLL_RE = re.compile(r"\b(" + "|".join(_TOLL_WORDS) + r")\b", re.IGNORECASE)
_OTHER_EVENT = re.compile(r"\b(previous|earlier|prior|another)\b", re.IGNORECASE)
_TOLLS = {stem(w): kind for w, kind in _TOLL_WORDS.items()}  # what a question asks, by stem
TOLL_STEMS = frozenset(_TOLLS)  # "killed", "injured", ...: the toll, not the event it is the toll of
_NOUN_AFTER = re.compile(r"[\s-]*([A-Za-z]+)")
# A multiple counts what follows its comparison ("2.5 times more Ukrainians"), for a question that compares.
_COMPARES = re.compile(rf"(?i)\bhow (?:many|much) (?:times|{'|'.join(sorted(COMPARATIVES))})\b|\bby how much\b")
_TIMES_MORE = re.compile(r"\s+times\s+(?:more|fewer|less|as many|as much)\s+([A-Za-z]+)", re.IGNORECASE)
_YEAR = re.compile(_YEAR_PATTERN)
# A lone name that is the sentence's subject: "Zelenskyy is reportedly considering a visit" (a verb follows).
_SUBJECT_VERB = re.compile(
    r"\s+(?:\w+ly\s+)?(?:is|was|has|had|will|would|could|can|may|might|did|does|also|then|later|said|says|told"
    r"|wrote|\w+ed)\b"
)
# A name that is to act: "Europe should provide them".
_ACTS = re.compile(r"\s+(?:should|must|would|will|could|can)\s+[a-z]+")
# "the next meeting" (not "next week"): the sentence must speak of one to come.
_HOW_MANY_TIMES = re.compile(r"(?i)\bhow many times\b")
# "How many times did Trump ...": whose times they are.
_TIMES_DOER = re.compile(  # not "Trump's envoy"
    r"(?i:\bhow many times (?:did|does|do|has|have|had|was|were|is|are)) ([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)\b(?!['’])"
)  # the whole name: "Steve Witkoff", found by its last word
# "What is the total value / cost of ...", "how much money ...": a sum of money answers ("by how much did
# killings go up" asks for none).
_ASKS_MONEY = re.compile(
    r"(?i)\b(?:monetary|money|cost|costs|price|worth|funding|budget|dollars?|euros?)\b|\bvalue of\b"
)
_CURRENCIES = (
    r"dollars?|euros?|pounds?|francs?|yen|yuan|roubles?|rubles?|hryvnias?|rupees?|pesos?|kronor|krona|zloty|lira"
    r"|cents?|pence"
)
_MONEY = re.compile(
    r"[$€£¥₹₽₴]\s?\d|\b\d[\d,.]*\s*(?:million|billion|trillion|bn)\b"
    rf"|\b\d[\d,.]*\s+(?:{_CURRENCIES}|(?-i:[A-Z]{{3}}))\b|\b(?:{_CURRENCIES}|usd|eur|chf)\b",
    re.IGNORECASE,
)
_ORDINAL_TIME = re.compile(
    r"(?i)\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+time\b"
)
SLOT_TYPES = frozenset({"number", "date", "place", "person", "media"})  # questions that ask for one thing
_NEXT_ASKED = re.compile(r"(?i)\bnext\b(?!\s+(?:week|weekend|month|year|day|days|time)\b)")
# "When will X ...?", "When is X expected to ...?": asks about what is still to come, as "next" does
_FUTURE_ASKED = re.compile(
    r"(?i)^\W*(?:by )?(?:when|where)\b[^?]*?"
    r"\b(?:will|(?:is|are)\b[^?]{0,60}?\b(?:expected|scheduled|set|due|planned) to)\b"
)
_NEXT_SAID = re.compile(r"(?i)\b(?:next|upcoming|scheduled|will|coming|future|planned|later)\b|\b(?:set|due) to\b")
# "When did X first / last ...": the sentence must say which occurrence it dates.
_ORDINAL_DATES = (
    (
        re.compile(r"(?i)\b(?:first|initially|originally)\b"),
        re.compile(r"(?i)\b(?:first|initial(?:ly)?|original(?:ly)?|earliest|beg[au]n|begin(?:ning)?|start(?:ed)?)\b"),
    ),
    (
        re.compile(r"(?i)\b(?:last|most recently)\b(?!\s+(?:week|weekend|month|year|night|time)\b)"),
        re.compile(
            r"(?i)\b(?:last|latest|most recent(?:ly)?|recently|previous)\b(?!\s+(?:week|weekend|month|year|night)\b)"
        ),
    ),
)
_ASKS_DAY_OF_MONTH = re.compile(r"(?i)\b(?:calendar|exact|specific|precise|full) date\b|^\W*on what date\b")
_MONTH_NAMES = "|".join(m.title() for m in MONTHS[:12])
_DAY_OF_MONTH = re.compile(
    rf"\b(?:{_MONTH_NAMES})\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b|\b\d{{1,2}}/\d{{1,2}}\b"
)
_NTH = re.compile(r"(?i)\b(second|third|fourth|fifth|sixth)\b(?!\s+(?:of|half)\b)")


# The two parties of a meeting a question asks about: "When are Trump and Putin scheduled to meet?", "Where did
# Witkoff meet Vladimir Putin?" (each a name of capitalised words; its last word is the one sentences repeat)
_PARTY = r"((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)"
_MEETING_PARTIES = (
    re.compile(rf"\b{_PARTY} and {_PARTY}\b[^?]{{0,40}}?\b(?:meet|met|meeting|sit down|sat down)\b"),
    re.compile(rf"\b{_PARTY}\s+(?:first |last |again )?(?:meet|met|sit down|sat down)\s+(?:with\s+)?{_PARTY}"),
)
_PEOPLE_ADJECTIVE = re.compile(r"(?:ian|ean|ish|ese|ch)$")  # "Ukrainian", "European", "British", "French"


@functools.lru_cache(maxsize=1024)  # asked of every candidate sentence of a question
def _meeting_parties(question: str) -> frozenset[str]:
    """Stems of the last words of the two people whose meeting the question asks about; empty when it asks
    about none, or when a party is a country or a people ("the US sit down with Ukrainian and European
    officials" may be answered by where the US officials were)."""
    parties = next((m for pattern in _MEETING_PARTIES if (m := pattern.search(question))), None)
    named = parties.groups() if parties else ()
    if not named or any(is_country_or_region(p) or _PEOPLE_ADJECTIVE.search(p) for p in named):
        return frozenset()
    return frozenset(stem(p.split()[-1].lower()) for p in named)


@functools.lru_cache(maxsize=4096)  # asked of every candidate sentence of a question
def _question_matches(pattern: re.Pattern[str], question: str) -> bool:
    """Whether ``pattern`` occurs in ``question``."""
    return bool(pattern.search(question))


_HOW_OLD = re.compile(r"(?i)^\W*how old\b")
_HOW_LONG = re.compile(r"(?i)\bhow long\b")


@functools.lru_cache(maxsize=1024)
def _asks_ahead(question: str) -> bool:
    """Whether the question asks about what is still to come ("the next summit", "When will X ...?")."""
    return bool(_NEXT_ASKED.search(question) or _FUTURE_ASKED.search(question))


def _same_occurrence(sentence: str, question: str) -> bool:
    """ "When did X first meet Y?", "Where did their second meeting take place?": not any meeting, the one asked
    about; the sentence must say which occurrence it is about, and name both parties of a meeting ("Rubio and
    Witkoff are set to meet Ukrainian officials" dates no meeting of Trump and Putin)."""
    parties = _meeting_parties(question)
    if parties and not parties <= set(content_terms(sentence)):
        return False
    if not all(marks.search(sentence) or not asks_for.search(question) for asks_for, marks in _ORDINAL_DATES):
        return False
    nth = {m.group(1).lower() for m in _NTH.finditer(question)}
    return not nth or bool(nth & {m.group(1).lower() for m in _NTH.finditer(sentence)})


_DURATIONS = ("second", "minut", "hour", "day", "week", "month", "year", "decad")  # what "how long" counts


_HOW_MANY_UNIT = re.compile(r"\bhow many (\w+)")


@functools.lru_cache(maxsize=1024)  # asked of every candidate sentence of a "how long" question
def _counted_units(question: str) -> frozenset[str]:
    """The stems of the units a question counts: "like how many days" counts days."""
    return frozenset(stem(w) for w in _HOW_MANY_UNIT.findall(question.lower()))


def has_answer_type(
    qtype: str,
    sentence: str,
    question: str = "",
    focus: tuple[str, ...] | list[str] = (),
    known_names: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
) -> bool:
    """Whether a sentence holds the kind of thing the question asks for (a number, a date, a name) beyond
    what the question itself says; ``focus`` holds the stems of what a "how many" question counts, and
    ``known_names`` the words other sentences write capitalised mid-sentence (names, not common words), and
    ``people`` the names they give persons (``people_in``): "criticism of Putin from Trump" names no place."""
    if qtype in SLOT_TYPES and _asks_ahead(question) and not _NEXT_SAID.search(sentence):
        return False  # "Where will the next summit be held?" is not answered by where the latest one was
    if qtype == "number":
        if _question_matches(_HOW_OLD, question):  # an age, of whom the question names: not "the 3-year-old war"
            return _gives_age(sentence, question)
        if _question_matches(_ASKS_SHARE, question):  # a part of a whole ("40%", "a fifth of"), not a count of things
            return bool(_SHARE.search(sentence))
        if _question_matches(_ASKS_MONEY, question):  # a sum of money, not a count of anything else
            return bool(_MONEY.search(sentence))
        if _question_matches(_HOW_MANY_TIMES, question) and _ORDINAL_TIME.search(sentence):
            doer = _TIMES_DOER.search(question)  # "for a third time" says how many times, for whoever it says
            return doer is None or stem(doer.group(1).split()[-1].lower()) in content_terms(sentence)
        if _question_matches(_HOW_LONG, question):  # a duration: "three hours", "days after" (after any lead-in)
            if _ASKS_LASTING.search(question):
                sentence = _OFFSET.sub(" ", sentence)
            # units the question names are no answer ("how long after the 22 days"), unless it counts them
            # ("how long is the ceasefire, like how many days")
            asked_units = _asked(question).stems - _counted_units(question)
            return any(stem(w) in _DURATIONS and stem(w) not in asked_units for w in words(sentence.lower())) and (
                _new_count(sentence, question, _DURATIONS, units_only=True) or bool(_BARE_DURATION.search(sentence))
            )
        return _new_count(sentence, question, focus)
    if qtype == "reason":
        if _UNCLEAR.search(sentence):  # "It was not clear whether the timeline was meant to ... or whether ..."
            return False
        if _question_matches(CRITICISM_RE, question) and criticises(sentence, _asked(question).stems):
            return True  # "Why do critics object to ...?": what the critics argue is why
        if _question_matches(_ASKS_WHY_WARNED, question) and _HARM_FORESEEN.search(sentence):
            return True  # "Why does Wright warn against withdrawing support?": it "could help Russia"
        return bool(CAUSE_RE.search(sentence)) or _follows_from(sentence, question)
    if qtype == "date":  # a date, or the event it happened during ("While the Paris summit was underway, ...")
        if not (DATE_RE.search(sentence) or TEMPORAL_OPENING.match(sentence)):
            return False
        if _question_matches(_ASKS_DAY_OF_MONTH, question) and not _DAY_OF_MONTH.search(sentence):
            return False  # "On what exact date ...?": "Thursday" or "in March" does not say
        return _same_occurrence(sentence, question)
    asked = _asked(question).words
    if qtype == "place":  # "in Geneva", "on the campaign trail": a place the question does not already name
        asked_stems = _asked(question).stems
        # "in Switzerland" names no city; "in the French capital" does, and a sentence speaking of cities may
        # announce them ("Russia continued its assault on Ukrainian cities.": see with_details)
        if asks_city(question) and not _CITY_WORDS.search(sentence):
            country = _city_country(question)
            return any(
                not is_country_or_region(m.group(1))
                # "for" takes names of bodies more often than of cities ("The Center for Countering ...")
                and not m.group(0).lower().startswith("for ")
                and not (country and capital_elsewhere(m.group(1), country))
                for m in _new_places(sentence, asked, people)
            ) and _same_occurrence(sentence, question)
        if _question_matches(_ASKS_SITE, question):  # "Which building in London ...?": not "speaking from Paris"
            inside = any(not is_city_or_larger(m.group(1)) for m in _new_places(sentence, asked, people))
            return inside and _same_occurrence(sentence, question)
        # "Which country ...?": a country, as a place or acting ("The United States carries the stick"); not "at
        # the University of Michigan"
        if _question_matches(_ASKS_COUNTRY, question):
            return any(
                is_country_or_region(m.group()) and not {stem(w) for w in m.group().lower().split()} <= asked_stems
                for m in NAME_RE.finditer(sentence)
            ) and _same_occurrence(sentence, question)
        named = any(
            stem(w) not in asked_stems and w.lower() not in DATE_WORDS
            for m in PLACE_RE.finditer(sentence)
            if not _names_person(m.group(1), people)
            for w in m.group(1).split()
        )
        # "Where did Trump post ...?": "on Truth Social"
        if not named and _question_matches(_WHERE_PUBLISHED, question):
            named = any(_new_name(m.group(1), asked) for m in _ON_PLATFORM.finditer(sentence))
        named = named or any(stem(m.group(1)) not in asked_stems for m in SETTING_RE.finditer(sentence))
        named = named or _object_of_asked_verb(sentence, question)
        return named and _same_occurrence(sentence, question)
    if qtype == "media":  # on NBC's “Meet the Press”, told Fox News
        if _question_matches(_ASKS_PLATFORM, question) and any(  # "Which platform ...?": "in a post on Truth Social"
            _new_name(m.group(1), asked)
            and not is_city_or_larger(m.group(1))
            and m.group(1).rstrip(".").lower() not in DATE_WORDS
            and not m.group(1).endswith(("ian", "ean", "ese", "ish"))  # "on Ukrainian cities"
            for m in _ON_PLATFORM.finditer(sentence)
            if m.group().startswith("on")  # not "in Ukraine", "to Moscow"
        ):
            return True
        return any(_new_name(m.group(), asked) for m in MEDIA_RE.finditer(sentence))
    if qtype == "person":  # a full name, or a name that speaks ("Ali said") or acts, the question does not hold
        if _question_matches(_ASKS_PARTICIPANTS, question) and _PARTY_GROUPS.search(sentence):
            return True  # who took part: "US, Ukrainian, and European officials" are who
        return _names_someone(sentence, asked, known_names)
    if qtype == "describe":  # "Javed Ali, a former counterterrorism official", "Ukrainian President Volodymyr ..."
        return describes(sentence, asked)
    return True


_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|the|who|whose|one of|now|then|former|formerly)\b", re.IGNORECASE)


def describes(sentence: str, asked: frozenset[str]) -> bool:
    """Whether the sentence says who or what a name the question asks about is: a phrase set off after it
    ("Andriy Yermak, a top aide to...") or a title or role written into the name ("Ukrainian President
    Volodymyr Zelenskyy")."""
    for m in NAME_RE.finditer(sentence):
        ws = m.group().split()
        if not any(w.lower() in asked for w in ws):
            continue
        if _APPOSITIVE.match(sentence, m.end()) or any(w.lower() not in asked for w in ws):
            return True
    return False


# "After the White House cut weapons supplies, Kyiv swiftly agreed": what followed an event, in the main clause.
_AFTER_EVENT = re.compile(r"\W*(?:after|following|in the wake of|once)\b([^,]+),(.+)", re.IGNORECASE)


def _follows_from(sentence: str, question: str) -> bool:
    """Whether the sentence tells what the question asks the reason for as following an event ("After the
    White House briefly cut weapons supplies..., Kyiv swiftly agreed to the US proposal"): the event is the
    reason given when the question's words are in the main clause, not in the opening one (asked why the
    White House cut the supplies, the same sentence gives no reason)."""
    m = _AFTER_EVENT.match(sentence)
    if not m or not question:
        return False
    asked = set(content_terms(question))
    return len(asked.intersection(content_terms(m.group(2)))) > len(asked.intersection(content_terms(m.group(1))))


# An age: "53-year-old", "53 years old", "aged 53", "Rubio, 53,".
_AGE_RE = re.compile(r"\b\d{1,3}(?:-year-old\b|\s+years?\s+old\b)|\baged\s+\d{1,3}\b|,\s*\d{1,3}\s*,")
AGE_REACH = 4  # words between an age and the name it belongs to


_AGE_OF = re.compile(
    r"(?i)\W*how old (?:is|was|are|were|will)\s+(?:the\s+)?(.+?)(?:\s+(?:when|at|in|during|by|as)\b|[,?]|$)"
)


def _gives_age(sentence: str, question: str) -> bool:
    """Whether the sentence gives an age next to (within AGE_REACH words of) whom or what the question asks
    the age of ("How old is Marco Rubio?": not "the 3-year-old war"; "How old was the war...?": that one)."""
    m = _AGE_OF.match(question)
    names = {w.lower() for w in words(m.group(1))} - TITLES - stopwords() if m else set()
    if not names:
        return bool(_AGE_RE.search(sentence))
    for age in _AGE_RE.finditer(sentence):
        before = words(sentence[: age.start()])[-AGE_REACH:]
        after = words(sentence[age.end() :])[:AGE_REACH]
        if names.intersection(w.lower() for w in [*before, *after]):
            return True
    return False


_OPENING_NAME = re.compile(rf"\W*({_NAME_WORD})((?:\s+{_NAME_WORD})*)")  # its first word, then any others


def _names_someone(sentence: str, asked: frozenset[str], known_names: frozenset[str]) -> bool:
    # NAME_RE skips a sentence's first word (any word is capitalised there): it is a name when others write it so
    opening = _OPENING_NAME.match(sentence)
    if opening and opening.group(1) in known_names:
        first = opening.group(1)
        if _SUBJECT_VERB.match(sentence, opening.end(1)) and _new_name(first, asked):
            return True
        # "Andriy Yermak, a top aide to ...": a name of two words or more opening the sentence
        if opening.group(2) and _someone_new(opening.group(), asked):
            return True
    return any(
        (
            len(m.group().split()) >= 2
            or SPEAKER_RE.match(sentence, m.end())
            or _ACTS.match(sentence, m.end())  # "the White House has insisted Europe should provide them"
            or sentence[: m.start()].endswith("said ")
        )
        and _someone_new(m.group(), asked)
        for m in NAME_RE.finditer(sentence)
    )


def _someone_new(name: str, asked: frozenset[str]) -> bool:
    """A new name whose last word the question does not give: "Vice President JD Vance" is the Vance the
    question names ("Whom did Vance meet in Rome?")."""
    return _new_name(name, asked) and name.split()[-1].lower() not in asked


_VERB_AND_OBJECT = re.compile(r"\b([a-z]+)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")


def _object_of_asked_verb(sentence: str, question: str) -> bool:
    """ "Which region could be destabilized ...?": a place the question's own verb acts on ("destabilize Eastern
    Europe"), not one the question names."""
    asked = _asked(question)
    return any(
        _one_family(stem(m.group(1)), asked.common)
        and m.group(1) not in stopwords()
        and _new_name(m.group(2), asked.words)
        for m in _VERB_AND_OBJECT.finditer(sentence)
    )


def _one_family(term: str, stems: frozenset[str]) -> bool:
    """Whether ``stems`` hold ``term`` or a stem of 5+ letters it extends or that extends it by up to 3 letters
    (the rule of ``CorpusStats.variants``): "destabil" (destabilize) and "destabilis" (destabilised)."""
    return term in stems or (
        len(term) >= 5
        and any(
            len(s) >= 5 and abs(len(s) - len(term)) <= 3 and (s.startswith(term) or term.startswith(s)) for s in stems
        )
    )


def holds_role(sentence: str, role: str) -> bool:
    """Whether the sentence names someone as holding ``role`` (see ``role_phrases``)."""
    return bool(role_phrases(sentence, role))


def role_phrases(sentence: str, role: str) -> list[str]:
    """Where the sentence names someone as holding ``role``, with the words qualifying it: as a title ("Kremlin
    spokesperson Dmitry Peskov", with up to three words before the role), in a phrase set off after the name
    ("Dmitry Kuleba, Ukraine's foreign minister"; "Steve Witkoff, President Donald Trump’s envoy") or with "is"
    ("Kuleba is the foreign minister"). "...said the ministers are working on..." names no minister."""
    return [m.group() for m in _role_matches(sentence, role)]


def _role_matches(sentence: str, role: str) -> list[re.Match[str]]:
    """The matches behind ``role_phrases``; group "holder" is the name given the role."""
    mentioned, title, after = _role_patterns(role)
    if not mentioned.search(sentence):  # most sentences name no such role: skip the costly patterns
        return []
    return [m for pattern in (title, after) for m in pattern.finditer(sentence)]


@functools.lru_cache(maxsize=256)
def _role_patterns(role: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """For ``role``: any mention of it, and the two ways a sentence gives it someone (see ``role_phrases``)."""
    r = "(?:" + "|".join(sorted(role_words(role))) + ")"
    name = rf"{_NAME_WORD}(?:\s+{_NAME_WORD})*"
    title = rf"(?:[\w’'-]+\s+){{0,3}}(?i:\b{r}s?)(?:\s+of\s+[A-Z]\w*)?\s+(?P<holder>{name})"
    owner = r"(?:[A-Z]\w*\s+){0,3}[A-Z]\w*['’]s"  # "President Donald Trump’s"
    after = (
        rf"(?P<holder>{name})\s*(?:,\s*(?:a|an|the|his|her|their|its|former|then|now|{owner})\b|\s+(?:is|was)\s)"
        # "Secretary of State"; "a top aide to President Volodymyr Zelensky" says whose aide
        rf"[^,.;]{{0,80}}?\b(?i:{r})s?\b(?:\s+of\s+[A-Z]\w*|\s+to\s+(?:[A-Z]\w*\s+){{0,3}}[A-Z]\w*)?"
    )
    return re.compile(rf"(?i)\b{r}s?\b"), re.compile(title), re.compile(after)


_CLAUSE_END = re.compile(r"[,.;“”\"]")


def role_holders(texts: list[str], role: str, qualifiers: tuple[str, ...] = ()) -> frozenset[str]:
    """Stems of the names the texts give ``role`` ("yermak" where one says "Andriy Yermak, a top aide"), with
    all of ``qualifiers`` (stems: "Steve Witkoff, President Donald Trump’s international envoy" for ("trump",)):
    the words of their names, without titles, role words and qualifiers."""
    skip = {stem(w) for w in role_words(role)} | TITLE_STEMS | set(qualifiers)
    found: set[str] = set()
    appositive = _role_patterns(role)[2]  # the name, then the role set off after it: its qualifiers may follow it
    for text in texts:
        for m in _role_matches(text, role):
            phrase = m.group()
            if m.re is appositive:  # "Javed Ali, ... associate professor of practice at the University of Michigan"
                phrase += _CLAUSE_END.split(text[m.end() : m.end() + 60], maxsplit=1)[0]
            if set(qualifiers) <= {stem(w.lower()) for w in words(phrase)}:
                found.update(s for w in words(m.group("holder")) if (s := stem(w.lower())) not in skip)
    return frozenset(found)


# "Who took part in / attended / joined ...": the answer may be the parties, named as groups.
_ASKS_PARTICIPANTS = re.compile(
    r"(?i)\bwho\b.*\b(?:took part|take part|taken part|attended|attend|participated|participate|joined"
    r"|(?:was|were|are|is|been) (?:involved|present|represented))\b"
)
_PARTY_GROUPS = re.compile(
    r"\b[A-Z][a-z]+(?:,? (?:and )?[A-Z][a-z]+)* (?:officials|leaders|delegations|delegates|diplomats|negotiators"
    r"|ministers|representatives|envoys)\b"
)
_ASKS_COUNTRY = re.compile(r"(?i)\b(?:which|what) (?:[a-z-]+ )?(?:country|countries|nation|nations)\b")
_ASKS_CITY = re.compile(r"(?i)\b(?:which|what) (?:([a-z-]+) )?(?:city|cities|town|towns|capital|capitals)\b")
# A place inside a city: a building, a street, a district
_ASKS_SITE = re.compile(r"(?i)\b(?:which|what) (?:[a-z-]+ )?(?:" + SITE_NOUNS + r")\b")
_CITY_WORDS = re.compile(r"(?i)\b(?:city|cities|town|towns|capital|capitals)\b")


def asks_city(question: str) -> bool:
    """Whether the question asks for a city ("In which cities ...?", "Which capital hosted ...?")."""
    return _question_matches(_ASKS_CITY, question)


@functools.lru_cache(maxsize=1024)  # asked of every candidate sentence of a question
def _city_country(question: str) -> str:
    """The stem of the country a city question names its cities by ("Which Ukrainian cities ...?": ukrain)."""
    m = _ASKS_CITY.search(question)
    return stem(m.group(1)) if m and m.group(1) else ""


def places_in_country_only(sentence: str) -> bool:
    """Whether the sentence places something in a country or region ("... in Switzerland") and names no other
    place ("to Russia's war" places nothing)."""
    places = list(PLACE_RE.finditer(sentence))
    return (
        any(m.group(0).lower().startswith("in ") for m in places)
        and all(is_country_or_region(m.group(1)) for m in places)
        and not _CITY_WORDS.search(sentence)
    )


def _new_places(sentence: str, asked: frozenset[str], people: frozenset[str]) -> list[re.Match[str]]:
    """The places a sentence names ("in Geneva": ``group(1)`` is the name) that the question does not, leaving
    out names the sentences give persons."""
    return [
        m for m in PLACE_RE.finditer(sentence) if not _names_person(m.group(1), people) and _new_name(m.group(1), asked)
    ]


def _names_person(name: str, people: frozenset[str]) -> bool:
    """Whether a name after a preposition is a person's: one the sentences give a person, or one with a title."""
    words = name.split()
    return set(words) <= people or any(w.lower() in _PERSONAL_TITLES for w in words)


def _new_name(name: str, asked: frozenset[str]) -> bool:
    """Whether a name says something the question does not: "Palm Sunday" is a day, "President" a title,
    and the question's own names are given."""
    ws = [w.lower() for w in name.split()]
    return not any(w in DATE_WORDS for w in ws) and any(w not in asked and w not in TITLES for w in ws)


_PERSON_NAME = re.compile(  # the lookahead skips, fast, words that start neither a title nor a name
    r"\b(?=[A-Zpsmceao\u017f])"
    r"(?:(?i:president|secretary|minister|chancellor|envoy|spokesperson|spokesman|adviser|aide|official|senator)"
    r"(?:\s+of\s+[A-Z][\w’'-]+)?\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
    r"|([A-Z][\w’'-]+)\s+(?:said|says|wrote|told|added|noted)\b)"
)


@functools.lru_cache(maxsize=50_000)
def people_named_with_titles(sentence: str) -> frozenset[str]:
    """The stems of the names a sentence gives persons, with the titles it gives them ("Secretary of State
    Marco Rubio": secretari, state, marco, rubio)."""
    return frozenset(stem(w) for m in _PERSON_NAME.finditer(sentence) for w in content_terms(m.group()))


@functools.lru_cache(maxsize=50_000)
def people_in(sentence: str) -> frozenset[str]:
    """Names a sentence gives a person: after a title ("President Donald Trump") or before a verb of saying
    ("Rubio said"); as written."""
    return frozenset(w for m in _PERSON_NAME.finditer(sentence) for g in m.groups() if g for w in g.split())


@functools.lru_cache(maxsize=50_000)
def names_in(sentence: str) -> frozenset[str]:
    """The words a sentence writes capitalised after its first word: names, as the writer marks them."""
    return frozenset(w for m in NAME_RE.finditer(sentence) for w in m.group().split())


def _new_count(sentence: str, question: str, focus: tuple[str, ...] | list[str], units_only: bool = False) -> bool:
    """A number the question does not already hold and that does not count something other than the focus:
    for "How many children were injured?" neither "12" (when the question says 12) nor "98 civilians" will do.
    A number word followed by no noun ("killed one and...") is too loose to count a named focus."""
    asked = _asked(question)
    wanted = {f for f in focus if f not in _GENERIC_STEMS}
    # "how many dead and how many injured" asks for tolls (asked.tolls), "how many of the injured were children" a group
    if wanted <= TOLL_STEMS and asked.words.isdisjoint(_SUBGROUP_WORDS):
        wanted = set()
    counts, vague = _counts_in(sentence)
    for number, noun, tolls, digits, other_event, multiple, lasting in counts:
        if number in asked.numbers:
            continue
        if lasting and asked.stems.isdisjoint(lasting) and _holds_question_words(sentence, question, _DURATIONS):
            continue  # "cut weapons supplies ... a 30-day ceasefire": how long the ceasefire is, not the cut
        if multiple and not _COMPARES.search(question):
            continue  # "2.5 times more Ukrainians" answers "how many times more", not "how many Ukrainians"
        if other_event and other_event.isdisjoint(asked.stems):
            continue  # the toll of an earlier attack for a question about the strike that followed it
        if asked.tolls and tolls and not tolls & asked.tolls:
            continue  # "killed 34" for "how many were injured"
        if not wanted and not units_only and stem(noun) in _DURATIONS:
            continue  # "in the 22 days after the truce" says how long, not how many or how large
        if not wanted:
            return True
        if stem(noun) in wanted or (noun in _GENERIC_COUNTS and _counts_people(wanted, asked)):
            return True
        bare = not noun or noun in stopwords() or noun in NUMBER_WORDS or noun in DATE_WORDS
        if bare and digits and not units_only and not _YEAR.fullmatch(number):  # "annexed in 2014, and" counts nothing
            return True
    # "rejected multiple proposals" for "how many proposals has Putin rejected", when the sentence also says what
    # the question says of them ("many countries are trying to disrupt ..." counts no coalition's members)
    return (
        bool(wanted)
        and any(stem(noun) in wanted for noun in vague)
        and _holds_question_words(sentence, question, wanted)
    )


_ASKS_SHARE = re.compile(r"(?i)\b(?:what|which) (?:percentage|percent|proportion|share|fraction)\b|\bhow much of\b")
_SHARE = re.compile(
    r"(?i)\d[\d.,]*\s?(?:%|percent\b|per cent\b)"
    r"|\b(?:half|(?:a|one|two|three)[\s-](?:third|quarter|fifth|tenth)s?)\s+of\b|\bthe (?:majority|bulk) of\b"
)


class _Count(NamedTuple):
    number: str  # as written, lower-cased
    noun: str  # the word after it
    tolls: frozenset[str]  # the kinds of toll named around it ("dead", "hurt")
    digits: bool  # written in digits
    other_event: frozenset[str]  # for a toll of an event the sentence calls another one, its words
    multiple: bool = False  # "2.5 times more Ukrainians": a ratio, no count of them
    lasting: tuple[str, ...] = ()  # "a 30-day ceasefire": stems of what lasts that long


# Cached: the same sentences come back question after question, and the number pattern is slow to scan.
@functools.lru_cache(maxsize=50_000)
def _counts_in(sentence: str) -> tuple[tuple[_Count, ...], tuple[str, ...]]:
    """The numbers of a sentence with what they count; and the nouns counted vaguely ("multiple proposals")."""
    counts = []
    for m in NUMBER_RE.finditer(sentence):
        multiple = _TIMES_MORE.match(sentence, m.end())
        counted = multiple or _NOUN_AFTER.match(sentence, m.end())
        near = _TOLL_RE.findall(sentence, max(0, m.start() - 25), m.end() + 25)
        counts.append(
            _Count(
                m.group().lower().rstrip(".,"),
                counted.group(1).lower() if counted else "",
                frozenset(_TOLL_WORDS[w.lower()] for w in near),
                m.group()[:1].isdigit(),
                _other_event(sentence, m.start(), m.end()),
                multiple is not None,
                _lasting(sentence, m.end()),
            )
        )
    return tuple(counts), tuple(_VAGUE_COUNT.findall(sentence))


_DURATION_COMPOUND = re.compile(
    r"-(?:second|minute|hour|day|week|month|year|decade)(?:-long)?\s+([a-z]+)(?:\s+([a-z]+))?", re.IGNORECASE
)


def _lasting(sentence: str, end: int) -> tuple[str, ...]:
    """For a duration written into a compound ("a 30-day ceasefire", "four-year military engagement"), the
    stems of the two words after it: the thing that lasts that long."""
    m = _DURATION_COMPOUND.match(sentence, end)
    return tuple(stem(w.lower()) for w in m.groups() if w) if m else ()


def _holds_question_words(sentence: str, question: str, besides: Iterable[str]) -> bool:
    """Whether the sentence holds common words of the question (not names), other than the stems ``besides``:
    then what it asks about is named there in its own words. Besides units of time, a duration compound about
    something else is then not it (a sentence sharing none, "a 30-day ceasefire" for "how many days did the
    truce last?", may name it otherwise); besides what is counted, "many countries" counts what the question
    asks about only in a sentence that says what the question says of them."""
    own = {stem(w.lower()) for w in words(sentence) if w.islower()}
    return bool((own & _asked(question).common).difference(besides))


def _other_event(sentence: str, start: int, end: int) -> frozenset[str]:
    """ "A drone strike hit a bakery, days after a previous missile attack killed 34 during Palm Sunday": the 34
    count the earlier attack. The words of such a clause (marked previous, earlier, prior or another), which
    a question must share for the number to answer it; empty when the number's clause marks no other event."""
    clause_before = re.split(r"[,;:—–]", sentence[max(0, start - 60) : start])[-1]
    marker = _OTHER_EVENT.search(clause_before)
    if not marker:
        return frozenset()
    clause_after = re.split(r"[,;:—–.]", sentence[end : end + 60])[0]
    said = words(clause_before[marker.end() :] + " " + clause_after)
    return frozenset(stem(w.lower()) for w in said if w.lower() not in _TOLL_WORDS and w.lower() not in stopwords())


class _Asked(NamedTuple):
    words: frozenset[str]  # lower-cased
    stems: frozenset[str]
    numbers: frozenset[str]
    tolls: frozenset[str]
    common: frozenset[str]  # stems of its lower-case words that are not stop words ("pause", "destabilized")
    peoples: frozenset[str]  # stems of its plural names ("Ukrainians")


@functools.lru_cache(maxsize=256)
def _asked(question: str) -> _Asked:
    """What the question already says, worked out once per question, not once per candidate sentence."""
    low = frozenset(w.lower() for w in words(question))
    stems = frozenset(stem(w) for w in low)
    numbers = frozenset(m.group().lower().rstrip(".,") for m in NUMBER_RE.finditer(question))
    numbers |= {_SPELT_NUMBERS.get(n, n) for n in numbers} | {_DIGIT_NUMBERS.get(n, n) for n in numbers}  # "twelve"
    common = frozenset(stem(w) for w in words(question) if w.islower() and w not in stopwords())
    peoples = frozenset(stem(w) for w in words(question) if w[:1].isupper() and w.endswith("s"))
    return _Asked(low, stems, numbers, frozenset(_TOLLS[t] for t in stems if t in _TOLLS), common, peoples)


# Verbs of criticising someone ("criticized", "accused", "condemns").
_CRITICISING = (
    r"critici[sz](?:e|es|ed|ing)|accus(?:e|es|ed|ing)|condemn(?:s|ed|ing)?|denounc(?:e|es|ed|ing)|blam(?:e|es|ed|ing)"
    r"|rebuk(?:e|es|ed|ing)|lambast(?:s|ed|ing)?"
)
# Criticism reported as such ("Critics argue ...", "has been accused of ...", "condemned").
CRITICISM_RE = re.compile(
    r"\b(?:critics?|criticisms?|accusations?|condemnation|" + _CRITICISING + r"|skeptic(?:s|al|ism)?"
    r"|sceptic(?:s|al|ism)?)\b",
    re.IGNORECASE,
)
CRITICISM_STEMS = frozenset(
    stem(w) for w in "critic criticism criticize criticise accuse accusation condemn denounce blame rebuke".split()
)
# Whom criticism is aimed at, where the sentence names them: "criticism of Putin", "criticized Putin for ...".
_CRITICISED = re.compile(r"\b(?i:criticism of|" + _CRITICISING + r")\s+(?:the\s+)?([A-Z][\w’']*)")


def criticises(sentence: str, asked: frozenset[str]) -> bool:
    """Whether a sentence reports criticism of what a question asks about (``asked``: its stems): a word of
    criticism, aimed, where the sentence names at whom, at someone the question names ("criticism of Putin
    from Trump" is no criticism of the Trump administration)."""
    if not CRITICISM_RE.search(sentence):
        return False
    targets = [stem(re.sub(r"['’]s$", "", m.group(1)).lower()) for m in _CRITICISED.finditer(sentence)]
    return not targets or any(t in asked for t in targets)


def reports_speech(sentence: str) -> bool:
    """Whether a sentence reports what someone said (a quote or a verb of saying)."""
    return bool(SPEECH_RE.search(sentence))


def spoken_by(sentence: str, speaker: tuple[str, ...], previous: str = "", following: str = "") -> bool:
    """Whether the speaker a question names can be the one speaking in ``sentence``. Quoted words are what
    is said, so the speaker is looked for outside the quotes: named there, but not as an object ("met with
    Putin") or an owner ("Putin's meeting"); for a quote the sentence leaves open, where the next sentence
    (``following``) closes it ("... Too many people are dying!” Trump wrote"); for a sentence that opens with
    a pronoun ("He said...") or goes on with a quote its attribution interrupted, in the sentence before
    (``previous``)."""
    outside = outside_quotes(sentence)
    if _names_speaker(_speaking_part(outside), speaker):
        return True
    if quote_balance(sentence) > 0 and following and _names_speaker(outside_quotes(following, inside=True), speaker):
        return True
    words_left = WORD.findall(outside)
    if (words_left and words_left[0].lower() in _PRONOUN_SUBJECTS and previous) or continues_quote(sentence, previous):
        return _names_speaker(outside_quotes(previous), speaker)
    return False


# words in double quotes, or in single ones opened after a space and closed before one ("Moscow's" is no quote)
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]|(?:^|(?<=[\s(]))['‘]([^'‘’]+)['’](?=[\s,.;:?!)—–-]|$)")
_QUOTED_RUN = 4  # words in a row: fewer ("this is not") are everyday phrases, not the quote


def quotes_question(sentence: str, question: str) -> bool:
    """Whether the sentence holds words the question quotes (four words or more in a row): "Which official
    said “This is not our war. We have other priorities”?" and the sentence “This is not our war."""
    runs = _quoted_runs(question)
    if not runs:
        return False
    own = f" {' '.join(words(sentence.lower()))} "
    return any(f" {run} " in own for run in runs)


@functools.lru_cache(maxsize=1024)  # asked of every candidate sentence of a question
def _quoted_runs(question: str) -> tuple[str, ...]:
    """The runs of _QUOTED_RUN words in a row the question quotes."""
    runs: list[str] = []
    for m in _QUOTED.finditer(question):
        quoted = words((m.group(1) or m.group(2)).lower())
        runs.extend(" ".join(quoted[i : i + _QUOTED_RUN]) for i in range(len(quoted) - _QUOTED_RUN + 1))
    return tuple(runs)


def continues_quote(sentence: str, previous: str) -> bool:
    """Whether ``sentence`` goes on quoting whoever the sentence before named as the speaker of its quote:
    “We need to decide in a matter of days,” Rubio said. “This is not our war.”"""
    return sentence.lstrip().startswith(("“", '"')) and bool(_ATTRIBUTION_END.search(previous))


def speaker_aliases(speaker: tuple[str, ...], texts: list[str]) -> tuple[str, ...]:
    """The names the texts give to a speaker the question names by role: "the US president" is Donald Trump
    where a text writes "US President Donald Trump", "the Secretary of State" Marco Rubio ("Secretary of State
    Marco Rubio"). Stems of the capitalised words right after the role."""
    names: set[str] = set()
    for text in texts:
        tokens = list(WORD.finditer(text))
        for i, match in enumerate(tokens):
            if not _stem_in(match, speaker):
                continue
            k = i + 1  # past the rest of the role ("of State"), then the name
            while k < len(tokens) and (_stem_in(tokens[k], speaker) or tokens[k].group() == "of"):
                k += 1
            if not set(speaker) <= {stem(t.group().lower()) for t in tokens[i:k]}:
                continue  # the whole role, not part of it: "Russian President Vladimir Putin" is no US president
            while k < len(tokens) and _capitalised(tokens[k].group()) and tokens[k].group().lower() not in TITLES:
                if not text[tokens[k - 1].end() : tokens[k].start()].isspace():
                    break
                names.add(stem(re.sub(r"['’]s$", "", tokens[k].group()).lower()))
                k += 1
    return tuple(sorted(names - set(speaker)))


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _stem_in(token: re.Match[str], stems: tuple[str, ...]) -> bool:
    return stem(token.group().lower()) in stems


def _speaking_part(text: str) -> str:
    """The part of a sentence (outside its quotes) that can name its speaker: not what a verb of saying reports
    ("said that ..."), and only the closing attribution where there is one (", the Center said in an update
    Tuesday.")."""
    reported = _SAID_THAT.search(text)
    if reported:
        text = text[: reported.end() - len("that")]
    attribution = _SAID_AT_END.search(text)
    return attribution.group("who") if attribution else text


def _names_speaker(text: str, speaker: tuple[str, ...]) -> bool:
    tokens = list(WORD.finditer(text))

    def joined(k: int) -> bool:  # token k runs into token k + 1 with only spaces between (no punctuation)
        return not text[tokens[k].end() : tokens[k + 1].start()].strip()

    for i, match in enumerate(tokens):
        token = match.group()
        if token.endswith(("'s", "’s")) or stem(token.lower()) not in speaker:
            continue
        # back over the name and its title ("President Vladimir Putin", "special envoy Steve Witkoff"), not across
        # punctuation, to the word that says whether the name speaks ("after ... Witkoff met": it does not)
        lead = i - 1
        while lead >= 0 and joined(lead):
            if _capitalised(tokens[lead].group()) or _stem_in(tokens[lead], speaker):
                lead -= 1
            elif tokens[lead].group().lower() in ("and", "or") and lead >= 1 and _capitalised(tokens[lead - 1].group()):
                lead -= 1  # and on over the name before it: "talks with Russian and Ukrainian officials"
            else:
                break
        if lead >= 0 and tokens[lead].group().lower() in _OBJECT_LEADS and joined(lead):
            continue
        return True
    return False


def withholds(sentence: str, asked: tuple[str, ...] | list[str]) -> bool:
    """Whether the sentence says that a thing the question asks about (one of the stems ``asked``) was not
    given: "hinting at positive developments he would not publicly detail" for "What positive developments did
    he hint at?"."""
    wanted = set(asked)
    tokens = words(sentence)
    for i in range(len(tokens)):
        if stem(tokens[i].lower()) in wanted and WITHHELD_RE.match(" ".join(tokens[i + 1 : i + 9])):
            return True
    return False


# "What was decided at the next round of talks in London?": an outcome asked in the past tense ...
_ASKS_OUTCOME = re.compile(
    r"(?i)\b(?:what|how)\s+(?:was|were|is|are)\s+the\s+(?:outcomes?|results?)\s+of\b"
    r"|\bwhat\s+(?:was|were|has been|have been)\s+(?:decided|agreed|concluded|achieved|resolved)\b"
    r"|\bwhat\s+did\s+(?:(?!say|said|tell|told)\w+\s+){1,4}(?:decide|agree|conclude|achieve|resolve)\b"
    r"|\bwhat\s+came\s+out\s+of\b"
    # "What agreement was reached at ...?", "What deal was struck ...?"
    r"|\bwhat\s+(?:[a-z]+\s+){1,2}(?:was|were|has been|have been)\s+(?:reached|agreed|signed|struck|made)\b"
    # "Did the London round produce an agreement?"
    r"|^\W*(?:did|has|have|had)\s+(?:[\w’'-]+\s+){1,6}?(?:produce|yield|reach|result in|end (?:in|with))\b"
)
# ... is not given by a sentence that reports the event as still to come: "the next meeting — scheduled for
# London — could determine ...", "Vance, ahead of meetings in Rome, ...".
_UPCOMING = re.compile(
    r"(?i)\b(?:scheduled|ahead of|set to|upcoming|is to be held|are to be held|will (?:meet|hold|be held|take place)"
    r"|(?:could|may|might|would|will) determine)\b"
)


_ASKS_WHAT_NEXT = re.compile(r"(?i)\bnext\s*(?:\?|$)")  # "... and where do things go next?", "what's next?"


def foretells(sentence: str, question: str) -> bool:
    """Whether the question asks how an event turned out and the sentence reports that event as still to come
    (a question that also asks what comes next, "... and where do things go next?", wants that too)."""
    return (
        bool(_ASKS_OUTCOME.search(question))
        and bool(_UPCOMING.search(sentence))
        and not _ASKS_WHAT_NEXT.search(question)
    )


# "What did Trump and Zelenskyy agree on?", "What was agreed in London?": what the parties agreed, which only a
# sentence reporting an agreement tells ("Trump also met with Zelenskyy and criticized Putin" does not).
_ASKS_AGREED = re.compile(
    r"(?i)^\W*what\s+(?:(?:did|do|does|have|has|had|will|would)\s+"
    r"(?:(?!(?:agree|want|wants|need|needs|before|after|if|unless|when|while|to|he|she|they|it)\b)[\w’'-]+\s+){1,6}"
    r"agree"
    r"|(?:was|were|has been|had been|is)\s+agreed)\b"
)
_AGREEMENT = re.compile(r"(?i)\b(?:agree|agrees|agreed|agreeing|agreements?|deals?|accords?|accept(?:s|ed)?|signed)\b")


def reports_no_agreement(sentences: Sequence[str], question: str) -> bool:
    """Whether the question asks what was agreed and none of the sentences reports an agreement."""
    return _question_matches(_ASKS_AGREED, question) and not any(_AGREEMENT.search(s) for s in sentences)


# "four mainland regions", not "one of the parties" (a member, not a set)
_COUNTED_SET = re.compile(
    r"\b(" + "|".join(NUMBER_WORDS[:19]) + r"|\d+)\s+((?:(?!(?:of|the)\b)[A-Za-z-]+\s+){0,2}?)([a-z]+s)\b"
)


# One member of a set numbered in a compound: "the first point of the 28-point plan", "which point in the
# 28-point plan", "which specific points of the 28-point plan".
_MEMBER_OF_NUMBERED = re.compile(
    r"(?i)\b(?:which|what|the\s+(?:first|second|third|fourth|fifth|last|final|\d+(?:st|nd|rd|th)))"
    r"\s+(?:(?:specific|particular|exact|individual)\s+)?([a-z]+)"
    r"\s+(?:of|in|from)\s+(?:the\s+|their\s+|its\s+)?(?:[A-Z][\w.]*\s+){0,2}(\d+)-([a-z]+)\b"
)


# What opens a list of members right after a counted set: "four regions: Donetsk, ...", "five territories,”
# referring to Crimea, ...", "three leaders, including Macron".
_LIST_OPENER = re.compile(
    r"(?:\s*[:—–(,”’\"']+\s*(?:(?:referring to|including|namely|such as|are|were|the)\s+)*"
    r"|\s+(?:including|namely|such as|are|were)\s+(?:the\s+)?)[A-Z]"
)


_ASKS_WORDING = re.compile(r"(?i)\W*(?:which|what)(?: exact)? (?:phrase|words?|term|label|expression|name) did\b")


def names_a_set_only_by_count(sentence: str, question: str) -> bool:
    """Whether the question asks which members make up a counted set ("Which four mainland regions does
    Russia occupy?") and the sentence only refers to that set by its count ("... and the four mainland
    regions Russia has occupied since 2022") without naming its members: no list of names opens right
    after the phrase, and fewer new names than the count come right before it. Likewise one member of a set
    numbered in a compound ("What is the first point of the 28-point plan?") when the sentence names the set
    only by that compound ("a comprehensive 28-point peace plan")."""
    if not re.match(r"(?i)\W*(which|what|name)\b", question) or _ASKS_WORDING.match(question):
        return False  # "What phrase did Witkoff use for Crimea plus the four regions?" asks for no members
    member = _MEMBER_OF_NUMBERED.search(question)
    if member and stem(member.group(1).lower()) == stem(member.group(3).lower()):
        # "What is the first point of the 28-point plan?": the sentence says "28-point plan" and names no point
        numbered = f"{member.group(2)}-{member.group(3).lower()}"
        others = re.sub(rf"(?i)\b{re.escape(numbered)}\b", "", sentence)
        if numbered in sentence.lower() and not re.search(rf"(?i)\b{re.escape(member.group(1))}", others):
            return True
    asked = _asked(question).words

    def new_names(text: str) -> list[str]:
        return [w for w in re.findall(r"\b[A-Z][\w-]+", text) if w.lower() not in asked]

    for q in _COUNTED_SET.finditer(question.lower()):
        number, noun = q.group(1), stem(q.group(3))
        for m in _COUNTED_SET.finditer(sentence):
            if m.group(1).lower() != number or stem(m.group(3).lower()) != noun:
                continue
            count = int(number) if number.isdigit() else NUMBER_WORDS.index(number) + 1
            listed_after = _LIST_OPENER.match(sentence, m.end())
            if not listed_after and len(new_names(sentence[max(0, m.start() - 100) : m.start()])) < count:
                return True
    return False


def dated_by_reference(sentence: str) -> bool:
    """Whether a sentence places its event only relative to a date given before it ("later that month")."""
    return bool(DATE_REFERENCE_RE.search(sentence)) and not EXPLICIT_DATE_RE.search(sentence)


# Words telling what a party asks of the others, and the last capitalised word before one names whose it is:
# "Among Putin’s demands are ...", "while Russia has continued to make far-reaching demands", "Moscow has tied its
# conditions to ...", "Ukraine ... has sought security guarantees in exchange".
_DEMAND_WORDS = re.compile(r"\b(?:demands?|demanded|demanding|conditions|in exchange|in return|sought)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")  # not names_in, which skips the first word: "Moscow has tied ..."
# A person's people named before their title: "Russian President Vladimir Putin"
_NATION_TITLE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:President|Prime Minister|(?:Foreign |Defen[cs]e )?Minister|leader)\s+(?:[A-Z][a-z]+\s+)?"
    r"([A-Z][a-z]+)"
)


def sides_of(term: str, texts: Iterable[str]) -> frozenset[str]:
    """The stems naming ``term``'s side: its capital, country and seat of government (``same_side``), and the
    people the texts give as its president or minister ("Russian President Vladimir Putin" is Russia's side; and
    Putin's, Russia)."""
    side = set(same_side(term))
    pairs = [(stem(m.group(1).lower()), stem(m.group(2).lower())) for t in texts for m in _NATION_TITLE.finditer(t)]
    nations = {nation for nation, person in pairs if person == term}  # a person's side is their people's
    for nation in nations:
        side |= same_side(nation)
    if not nations:  # a country's side holds its people, not a person's their compatriots (one may be misnamed)
        side |= {person for nation, person in pairs if nation in side}
    return frozenset(side)


def states_demands(sentence: str, side: frozenset[str]) -> bool:
    """Whether a sentence tells what ``side`` asks for: a word of demand ("demands", "conditions", "in
    exchange") whose nearest name before it is of that side."""
    for m in _DEMAND_WORDS.finditer(sentence):
        names = _CAPITALISED.findall(sentence, 0, m.start())
        if names and stem(names[-1].lower()) in side:
            return True
    return False
