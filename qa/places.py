"""Places by kind: names that are not cities (countries, continents, large regions, seas and seats of
government), and the capitals that stand for their governments.

"Which city ...?" is not answered by "in Switzerland". The list is closed and written out because the one
library with country data (pycountry) names Russia "Russian Federation" and has no "America" or "Britain",
the names news text uses; every name not listed may be a city ("Geneva", "Sumy", "Kyiv").
"""

from __future__ import annotations

import re

from qa.text import stem

_COUNTRIES = """
afghanistan, albania, algeria, andorra, angola, antigua and barbuda, argentina, armenia, australia, austria,
azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin, bhutan, bolivia,
bosnia and herzegovina, bosnia, botswana, brazil, brunei, bulgaria, burkina faso, burundi, cambodia, cameroon,
canada, cape verde, central african republic, chad, chile, china, colombia, comoros, congo, costa rica, croatia,
cuba, cyprus, czechia, czech republic, denmark, djibouti, dominica, dominican republic, east timor, ecuador, egypt,
el salvador, equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland, france, gabon, gambia,
georgia, germany, ghana, greece, grenada, guatemala, guinea, guinea-bissau, guyana, haiti, honduras, hungary,
iceland, india, indonesia, iran, iraq, ireland, israel, italy, ivory coast, jamaica, japan, jordan, kazakhstan,
kenya, kiribati, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya, liechtenstein,
lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali, malta, marshall islands, mauritania,
mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro, morocco, mozambique, myanmar, burma,
namibia, nauru, nepal, netherlands, holland, new zealand, nicaragua, niger, nigeria, north korea, south korea,
korea, north macedonia, macedonia, norway, oman, pakistan, palau, palestine, panama, papua new guinea, paraguay,
peru, philippines, poland, portugal, qatar, romania, russia, russian federation, rwanda, saint lucia, samoa,
san marino, saudi arabia, senegal, serbia, seychelles, sierra leone, singapore, slovakia, slovenia,
solomon islands, somalia, south africa, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland,
syria, taiwan, tajikistan, tanzania, thailand, togo, tonga, trinidad and tobago, tunisia, turkey, türkiye,
turkmenistan, tuvalu, uganda, ukraine, united arab emirates, uae, united kingdom, uk, britain, great britain,
england, scotland, wales, northern ireland, united states, united states of america, usa, us, u.s, america,
uruguay, uzbekistan, vanuatu, vatican, venezuela, vietnam, yemen, zambia, zimbabwe
"""
_REGIONS = """
europe, eastern europe, western europe, central europe, asia, central asia, africa, north america, south america,
latin america, middle east, balkans, baltics, scandinavia, caucasus, crimea, donbas, donbass, siberia, west
"""
# seats of government, which news text names for the government itself ("for the Kremlin to announce")
_SEATS = """kremlin, white house, pentagon, capitol, elysee, élysée, downing street, bankova, state department"""
_NAMES = frozenset(
    n.strip() for block in (_COUNTRIES, _REGIONS, _SEATS) for n in block.replace("\n", " ").split(",") if n.strip()
)


# The last word of a sea, a river or a mountain range: "in the Black Sea" is no city
_FEATURES = frozenset("sea ocean river gulf bay lake strait mountains peninsula coast island islands".split())


def is_country_or_region(name: str) -> bool:
    """Whether a place name names a country, a continent, a large region or a natural feature, never a city
    ("Switzerland", "the United States", "Eastern Europe", "the Black Sea"); unknown names may be cities."""
    words = name.lower().removeprefix("the ").split()
    return " ".join(words).rstrip(".") in _NAMES or (len(words) > 1 and words[-1] in _FEATURES)


_SEAT_NAMES = frozenset(n.strip() for n in _SEATS.split(","))

# Country and region names that are also everyday English words ("us", "turkey", "chad"): left as typed.
_ALSO_WORDS = frozenset("us u.s chad jordan turkey georgia guinea niger west".split())
_LOWER_PLACE = re.compile(
    r"(?<![\w'’.-])("
    + "|".join(re.escape(n) for n in sorted(_NAMES - _ALSO_WORDS - _SEAT_NAMES, key=len, reverse=True))
    + r")(?![\w'’-])"
)


def capitalise_places(question: str) -> str:
    """The question with the country and region names it types in lower case capitalised ("what does china
    think" names China), so that a place the articles never mention is seen as a name they lack."""
    return _LOWER_PLACE.sub(lambda m: " ".join(_capitalised(w) for w in m[1].split()), question)


def _capitalised(word: str) -> str:
    return word if word in ("and", "of") else word.capitalize()


def is_city_or_larger(name: str) -> bool:
    """Whether a place name names a country, a region, a natural feature or a capital city: never a building, a
    street or a district ("Paris" is no building in London; "the Elysee" may be one)."""
    joined = " ".join(name.lower().removeprefix("the ").split()).rstrip(".")
    if " " not in joined and stem(joined) in _CAPITALS:
        return True
    return is_country_or_region(name) and joined not in _SEAT_NAMES


# A capital names its government or country in news text ("Washington asked both sides" is "The White House has
# pressed both sides"; "Moscow has tied its conditions" is Russia's conditions): stems.
_CAPITALS = {
    stem(seat): frozenset(stem(w) for w in country.split())
    for seat, country in (
        ("washington", "us america white"),
        ("moscow", "russia kremlin"),
        ("kyiv", "ukraine"),
        ("kiev", "ukraine"),
        ("london", "britain uk"),
        ("paris", "france french elysee"),
        ("beijing", "china"),
        ("brussels", "eu"),
    )
}


_GOVERNED = frozenset().union(*_CAPITALS.values())


def capital_elsewhere(name: str, country: str) -> bool:
    """Whether ``name`` is a capital standing for a country other than ``country`` (a stem the capitals table
    knows): "Moscow" or "Washington" is no Ukrainian city ("despite Washington's overtures to Moscow")."""
    governed = governed_from(stem(name.lower()))
    return bool(governed) and country in _GOVERNED and country not in governed


def names_a_party(term: str) -> bool:
    """Whether a name's stem is a capital, a country or a people the capitals table knows ("american" extends
    "america", "ukrainian" "ukrain"), or the first word of "United States": names news text writes in many ways
    ("US", "U.S.", "Washington", "American")."""
    if governed_from(term) or term in _GOVERNED or term == "unit":
        return True
    return any(term.startswith(g) for g in _GOVERNED if len(g) > 3)


def governed_from(term: str) -> frozenset[str]:
    """For a capital's stem, the stems of the government or country it stands for ("moscow": russ, kremlin)."""
    return _CAPITALS.get(term, frozenset())


def same_side(term: str) -> frozenset[str]:
    """The stems naming the same party as ``term`` in the capitals table: a capital, its country and its seat of
    government each name the others ("kremlin": moscow, russ). Any other term names only itself."""
    side = {term} | governed_from(term)
    for capital, governed in _CAPITALS.items():
        if term in governed:
            side |= {capital} | governed
    return frozenset(side)


# Places and their people's adjectives that do not share a stem ("Crimea" / "Crimean" do): either form is
# the other's name.
_DEMONYM_PAIRS = """france french; britain british; england english; netherlands dutch; holland dutch
switzerland swiss; spain spanish; greece greek; turkey turkish/turk; poland polish/pole; denmark danish/dane
sweden swedish/swede; finland finnish/finn; germany german; china chinese; japan japanese; portugal portuguese
ireland irish; scotland scottish/scot; wales welsh; iceland icelandic; thailand thai; israel israeli
pakistan pakistani; iraq iraqi; kuwait kuwaiti; yemen yemeni; lebanon lebanese; vietnam vietnamese"""


def _both_ways(pairs: str) -> dict[str, set[str]]:
    """Each word of ``pairs`` ("place people/people; ...") with the forms it pairs with."""
    table: dict[str, set[str]] = {}
    for place, people in (pair.split() for pair in pairs.replace("\n", "; ").split("; ")):
        table.setdefault(place, set()).update(people.split("/"))
        for one in people.split("/"):
            table.setdefault(one, set()).add(place)
    return table


IRREGULAR_DEMONYMS = _both_ways(_DEMONYM_PAIRS)

_DEMONYM_STEMS = {stem(k): frozenset(stem(w) for w in v) for k, v in IRREGULAR_DEMONYMS.items()}


def demonym_stems(term: str) -> frozenset[str]:
    """For a place's or its people's stem, the stems of the other form ("swiss": switzerland)."""
    return _DEMONYM_STEMS.get(term, frozenset())
