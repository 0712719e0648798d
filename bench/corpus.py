"""A seeded generator of news-like articles, for benchmarks: every article different, all reproducible.

``write_corpus(folder, n, seed)`` writes ``n`` articles (``00000_<topic>.txt`` ...) of news length (median
about 520 words, 250 to 1,100) made from topic-specific sentence templates filled with generated places,
people, organisations, numbers and dates: varied vocabulary and facts, paragraphs, quotes, a title and,
on some pages, site chrome to clean. Article ``i`` depends only on ``(seed, i)``, so the 1k corpus is the
first 1,000 articles of the 10k corpus. ``questions(n, seed)`` gives questions about generated facts.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

FIRST = (
    "Amara Anders Beatriz Bilal Carmen Chen Dara Dmitri Elena Emeka Farah Felix Greta Hamid Ines Ivan Jana "
    "Jonas Kaito Keira Lars Leila Malik Marta Nadia Nikolai Olga Omar Priya Pablo Quinn Rania Ruben Sana "
    "Stefan Tamar Tobias Ulla Vera Viktor Wen Yara Yusuf Zofia Aisha Bruno Clara Diego Esther Hugo"
).split()
LAST = (
    "Abbott Achterberg Banerjee Brandt Castillo Dahl Ekwueme Fischer Gallagher Haddad Ilves Jansen Kowalski "
    "Lindqvist Moreau Nakamura Okafor Petrov Quiroga Rahman Sato Takahashi Underwood Varga Whitfield Xu "
    "Yilmaz Zimmer Almeida Bergstrom Costa Duarte Engel Ferreira Grady Holm Iqbal Jovanovic Keller Lam "
    "Mendoza Novak Ortega Popescu Reyes Schultz Tanaka Urquhart Vasquez Wolff Young Zeller Halvorsen Mbeki"
).split()
CITY_A = "Ash Bren Cal Dun Elm Fair Glen Hart Iron Kings Lang Marl North Oak Pine Red Silver Stone West Wold".split()
CITY_B = "bridge field ford haven holm mouth port stead ton vale wick worth dale bury mere cliff".split()
REGIONS = "the northern valley|the coastal plain|the eastern highlands|the river delta|the southern lakes".split("|")
COUNTRIES = "Norland Estavia Calderra Vintmark Ostrava Meridia Pelagos Kestria Tavora Lunden".split()
ROLES = (
    "mayor|council member|finance minister|health minister|chief executive|spokesperson|police chief|"
    "head teacher|union leader|economist|researcher|judge|project manager|fire chief|coach|curator"
).split("|")
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

TOPICS: dict[str, dict[str, list[str]]] = {
    "economy": {
        "title": [
            "{org} reports {pct} rise in quarterly revenue",
            "{city} factory to add {n} jobs after {money} expansion",
            "Inflation in {country} eases to {pct} as food prices fall",
            "{org} cuts {n} jobs as demand for {product} slows",
        ],
        "noun": ["revenue", "exports", "wages", "prices", "jobs", "investment", "orders", "profits", "tariffs"],
        "thing": ["workers", "jobs", "shops", "contracts", "orders"],
        "body": [
            "{org} said revenue reached {money} in the quarter, up {pct} from a year earlier.",
            "The company employs {n} people at its plant in {city} and plans to hire more by {month}.",
            "Analysts had expected a smaller increase, citing weaker demand for {product} in {country}.",
            "Consumer prices in {country} rose {pct} in {month}, the statistics office said on {weekday}.",
            "Shares in {org} climbed {pct} in early trading before settling lower in the afternoon.",
            "The central bank held its main interest rate at {pct}, arguing that wage growth remained strong.",
            "Exporters in {region} have struggled with higher shipping costs since the {month} storms.",
            "{person}, the {role} of {org}, said the firm would invest {money} in new production lines.",
            "Retail sales fell for a {ordinal} consecutive month as households cut spending on {product}.",
            "The expansion is expected to create {n} jobs over the next {small} years.",
            "Unions welcomed the plan but warned that {n} temporary contracts would end in {month}.",
            "Small businesses in {city} said energy bills had doubled, squeezing margins on {product}.",
        ],
        "quote": [
            "We are seeing demand return faster than we planned for",
            "Nobody should read too much into a single quarter",
            "The numbers show that the investment in {city} is paying off",
        ],
        "q": [
            "How many jobs will the {org} expansion in {city} create?",
            "What was the revenue of {org} in the quarter?",
        ],
    },
    "politics": {
        "title": [
            "{city} council approves {money} budget after long debate",
            "{person} wins {city} mayoral race with {pct} of the vote",
            "{country} parliament passes law on {policy}",
            "Opposition calls for inquiry into {policy} in {country}",
        ],
        "noun": ["budget", "vote", "election", "coalition", "law", "inquiry", "referendum", "policy"],
        "thing": ["votes", "seats", "signatures", "members"],
        "body": [
            "The council voted {small} to {small2} to approve the budget, which includes {money} for {policy}.",
            "{person} won {pct} of the vote, defeating the incumbent by about {n} votes.",
            "Turnout was {pct}, the highest in {city} since {year}.",
            "The bill on {policy} passed its final reading on {weekday} and now goes to the president.",
            "Opposition leader {person2} said the government had rushed the vote without consulting {region}.",
            "The coalition holds {small} of the {n2} seats in the regional assembly.",
            "A petition calling for a referendum on {policy} has gathered {n} signatures.",
            "Critics argue that the measure will cost {money} over {small} years.",
            "The {role} said the first payments would be made in {month}.",
            "Talks between the parties broke down twice before a compromise was reached late on {weekday}.",
            "Observers from {country} described the election as orderly and transparent.",
            "The new rules on {policy} take effect on {date}.",
        ],
        "quote": [
            "This budget is about fairness for every neighbourhood in {city}",
            "The people of {region} were not consulted, and they will remember that",
            "We listened, we compromised, and we delivered",
        ],
        "q": [
            "What share of the vote did {person} win in {city}?",
            "How much money does the {city} budget set aside for {policy}?",
        ],
    },
    "health": {
        "title": [
            "{city} hospital opens new {ward} unit",
            "Flu cases in {region} double in {small} weeks",
            "Study links {habit} to lower risk of {condition}",
            "Waiting times at {city} clinics fall to {small} weeks",
        ],
        "noun": ["patients", "hospital", "clinic", "vaccine", "study", "doctors", "nurses", "treatment"],
        "thing": ["patients", "beds", "nurses", "doctors", "cases"],
        "body": [
            "The new {ward} unit at {city} General Hospital has {n} beds and will treat about {n2} patients a year.",
            "Health officials recorded {n} cases of flu in {region} last week, twice the number a fortnight earlier.",
            "Researchers followed {n} adults for {small} years and found that {habit} was linked to a {pct} "
            "lower risk of {condition}.",
            "{person}, a {role} at the {org}, cautioned that the study showed an association, not a cause.",
            "The hospital hired {n} nurses and {small} specialist doctors to staff the unit.",
            "Average waiting times for routine operations fell from {small2} to {small} weeks.",
            "Vaccination clinics will open in {city} on {weekday} and run until the end of {month}.",
            "The ministry set aside {money} for mental health services in {region}.",
            "Doctors urged older residents to get vaccinated before the winter peak.",
            "Emergency departments in {city} reported their busiest {weekday} of the year.",
            "The trial enrolled patients at {small} hospitals across {country}.",
        ],
        "quote": [
            "Every bed we open means a family that does not have to travel for care",
            "The message is simple: get vaccinated early",
            "These results are encouraging, but more research is needed",
        ],
        "q": [
            "How many beds does the new {ward} unit in {city} have?",
            "How many flu cases were recorded in {region}?",
        ],
    },
    "environment": {
        "title": [
            "Floods force {n} people from homes in {region}",
            "{city} plants {n} trees in push for cooler streets",
            "Wind farm off {city} to power {n} homes",
            "Drought cuts {crop} harvest in {country} by {pct}",
        ],
        "noun": ["flood", "drought", "emissions", "river", "forest", "wind", "solar", "harvest", "storm"],
        "thing": ["homes", "trees", "turbines", "hectares", "residents"],
        "body": [
            "Heavy rain caused the {river} River to burst its banks, forcing about {n} residents to leave their homes.",
            "Emergency crews evacuated {small} villages in {region} overnight.",
            "The city planted {n} trees this year as part of a plan to cool its hottest streets by {small} degrees.",
            "The offshore wind farm will have {small2} turbines and produce enough electricity for {n} homes.",
            "Farmers in {country} expect the {crop} harvest to fall by {pct} after the driest {month} on record.",
            "{person}, a {role} with the {org}, said rainfall had been {pct} below average since spring.",
            "Emissions from transport in {city} fell {pct} last year, the environment agency said.",
            "The project cost {money} and took {small} years to build.",
            "Water restrictions remain in force across {region} until at least {month}.",
            "Volunteers collected {n} kilograms of plastic from the shores of {lake} on {weekday}.",
            "Scientists warned that such storms are becoming more frequent as the climate warms.",
        ],
        "quote": [
            "We have never seen the river rise this fast",
            "Trees are the cheapest air conditioning a city can buy",
            "Without rain in the next weeks, many farms will not survive",
        ],
        "q": [
            "How many people were forced from their homes by floods in {region}?",
            "How many homes will the wind farm off {city} power?",
        ],
    },
    "transport": {
        "title": [
            "New tram line links {city} to {city2}",
            "Rail strike cancels {n} trains across {country}",
            "{city} airport handles record {n} passengers",
            "Bridge repairs close {road} for {small} months",
        ],
        "noun": ["trains", "tram", "airport", "bridge", "passengers", "buses", "road", "strike", "tickets"],
        "thing": ["trains", "passengers", "buses", "flights", "stations"],
        "body": [
            "The tram line runs {small2} kilometres between {city} and {city2} and has {small} stops.",
            "Operators cancelled {n} trains on {weekday} as drivers walked out over pay.",
            "The airport handled {n} passengers in {month}, {pct} more than a year earlier.",
            "Repairs to the bridge on {road} will cost {money} and last {small} months.",
            "Commuters face delays of up to {small2} minutes while a diversion is in place.",
            "{person}, the {role} of {org}, said ticket prices would not rise before {month}.",
            "The line is expected to carry {n} passengers a day once fully open.",
            "Bus services in {region} will run every {small} minutes at peak times.",
            "Talks between the union and the operator are due to resume on {weekday}.",
            "A new cycle lane along {road} opened in {month} after {small} years of planning.",
        ],
        "quote": [
            "This line changes how people in {city2} get to work",
            "Our members have been patient for too long",
            "We apologise to passengers for the disruption",
        ],
        "q": [
            "How many trains were cancelled by the rail strike in {country}?",
            "How many passengers did {city} airport handle?",
        ],
    },
    "education": {
        "title": [
            "{city} school wins national science prize",
            "Teachers in {region} vote to accept {pct} pay offer",
            "University of {city} opens {money} research centre",
            "Exam results in {country} improve for {ordinal} year",
        ],
        "noun": ["school", "students", "teachers", "university", "exam", "pupils", "research", "campus"],
        "thing": ["students", "pupils", "teachers", "places", "scholarships"],
        "body": [
            "Students from {city} High School won the national science prize with a project on {project}.",
            "Teachers voted to accept a {pct} pay rise after months of negotiations.",
            "The research centre cost {money} and will employ {n} scientists.",
            "The share of pupils passing their final exams rose to {pct}, the ministry said.",
            "{person}, the {role} of {org}, said the school would use the prize money for new laboratories.",
            "The university enrolled {n} students this year, including {n2} from abroad.",
            "Class sizes in {region} average {small2} pupils, above the national average.",
            "A scholarship fund of {money} will support students from low-income families.",
            "The new campus will open in {month} {year}.",
            "Parents praised the decision to keep libraries open until {small} pm on weekdays.",
        ],
        "quote": [
            "Our students proved that curiosity beats any budget",
            "This agreement recognises the work teachers do every day",
            "Research needs room to grow, and now it has it",
        ],
        "q": [
            "How many scientists will the research centre at the University of {city} employ?",
            "What pay rise did teachers in {region} accept?",
        ],
    },
    "technology": {
        "title": [
            "{org} unveils {gadget} with longer battery life",
            "Data breach at {org} exposes records of {n} customers",
            "{city} start-up raises {money} for {project}",
            "Broadband reaches {pct} of homes in {region}",
        ],
        "noun": ["software", "data", "network", "start-up", "broadband", "chips", "app", "users", "breach"],
        "thing": ["customers", "users", "homes", "engineers", "devices"],
        "body": [
            "{org} said its new {gadget} lasts {small2} hours on a single charge.",
            "The breach exposed names and addresses of {n} customers, the company said on {weekday}.",
            "The start-up, founded in {city} in {year}, raised {money} from investors to develop {project}.",
            "Fast broadband now reaches {pct} of homes in {region}, up from {pct2} two years ago.",
            "{person}, the {role} of {org}, said no payment data had been accessed.",
            "The company plans to hire {n} engineers in {city} by the end of {year}.",
            "Regulators in {country} opened an investigation into how the data was stored.",
            "The app has been downloaded {n} times since its launch in {month}.",
            "Engineers replaced {n2} kilometres of copper cable with fibre last year.",
            "Customers were advised to change their passwords as a precaution.",
        ],
        "quote": [
            "We take the security of our customers' data extremely seriously",
            "Battery life is what people asked us for",
            "Good connections should not depend on your postcode",
        ],
        "q": [
            "How many customers were affected by the data breach at {org}?",
            "How much money did the {city} start-up raise?",
        ],
    },
    "sports": {
        "title": [
            "{city} {team} beat {city2} {team2} {small}-{small2} in cup final",
            "{person} sets {event} record in {city}",
            "{city} marathon draws {n} runners",
            "{city} {team} sign {person} on {small}-year deal",
        ],
        "noun": ["match", "goal", "season", "record", "runners", "coach", "fans", "final", "stadium"],
        "thing": ["runners", "fans", "goals", "points", "spectators"],
        "body": [
            "{person} scored twice in the second half as {city} {team} won the cup final in front of {n} fans.",
            "The victory was the club's first trophy since {year}.",
            "{person} finished the {event} in a record time, beating the previous mark set in {year2}.",
            "More than {n} runners took part in the marathon, which raised {money} for charity.",
            "{person2}, the {role} of the club, said the team had shown great character.",
            "The new stadium in {city} holds {n} spectators and cost {money}.",
            "The team sits {ordinal} in the league with {small2} points from {small} matches.",
            "Tickets for the final sold out within {small} hours.",
            "The contract runs until the end of the {year} season.",
            "Fans lined the streets of {city} on {weekday} to welcome the players home.",
        ],
        "quote": [
            "I have dreamed of this moment since I was a child",
            "The fans carried us through the last twenty minutes",
            "Records are there to be broken",
        ],
        "q": [
            "How many runners took part in the {city} marathon?",
            "How many fans watched the cup final won by {city} {team}?",
        ],
    },
    "culture": {
        "title": [
            "{city} festival draws {n} visitors",
            "Museum in {city} returns {artifact} to {country}",
            "{person} wins {prize} for debut novel",
            "{city} theatre reopens after {money} restoration",
        ],
        "noun": ["festival", "museum", "exhibition", "novel", "theatre", "concert", "artists", "visitors"],
        "thing": ["visitors", "artists", "tickets", "paintings", "books"],
        "body": [
            "The {small}-day festival in {city} drew about {n} visitors, organisers said.",
            "The museum agreed to return the {artifact} to {country} after {small} years of talks.",
            "{person} won the {prize} for a debut novel about a family in {region}.",
            "The theatre reopened on {weekday} after a restoration that cost {money}.",
            "More than {n2} artists performed on {small} stages across the city.",
            "{person2}, the {role} of the {org}, said the exhibition would travel to {city2} in {month}.",
            "The novel has sold {n} copies since its release in {month}.",
            "The restored hall seats {n2} people and has a new organ.",
            "Entry to the exhibition is free on the first {weekday} of each month.",
            "Critics praised the production for its bold staging.",
        ],
        "quote": [
            "These objects belong to the people who made them",
            "I wrote the book for my grandmother",
            "The theatre is the living room of {city}",
        ],
        "q": [
            "How many visitors did the {city} festival draw?",
            "How much did the restoration of the {city} theatre cost?",
        ],
    },
    "courts": {
        "title": [
            "Court in {city} jails {person} for {small} years over fraud",
            "{org} fined {money} for breaking safety rules",
            "Police in {city} arrest {small} after warehouse fire",
            "Judge blocks {city} plan for {project}",
        ],
        "noun": ["court", "judge", "police", "fine", "trial", "fraud", "arrest", "appeal", "verdict"],
        "thing": ["people", "victims", "witnesses", "officers", "suspects"],
        "body": [
            "{person} was sentenced to {small} years in prison for defrauding {n} investors of {money}.",
            "The court in {city} heard that the scheme ran from {year} until {year2}.",
            "The regulator fined {org} {money} after inspectors found {small2} breaches of safety rules.",
            "Police arrested {small} people after a fire destroyed a warehouse in {city} on {weekday}.",
            "{person2}, the {role}, told reporters that the investigation was continuing.",
            "The judge ruled that the plan for {project} had not been properly assessed.",
            "Lawyers for the defendant said they would appeal the verdict.",
            "About {n2} officers were involved in the operation across {region}.",
            "The trial heard evidence from {small2} witnesses over {small} weeks.",
            "No one was injured in the fire, which took {small} hours to bring under control.",
        ],
        "quote": [
            "Justice has finally been done for the victims",
            "Safety rules exist to protect workers, not to be ignored",
            "We will not rest until those responsible are found",
        ],
        "q": [
            "How many years in prison was {person} sentenced to?",
            "How much was {org} fined for breaking safety rules?",
        ],
    },
}

FILL = {
    "product": "cars|steel|furniture|phones|fertiliser|paper|bicycles|medicines|solar panels|machine tools".split("|"),
    "policy": (
        "housing|pensions|public transport|school meals|energy subsidies|data protection|river cleanup|rent control"
    ).split("|"),
    "ward": "cancer|maternity|stroke|children's|heart|emergency|dialysis".split("|"),
    "habit": "daily walking|eating more fish|regular sleep|cycling to work|gardening|learning a language".split("|"),
    "condition": "heart disease|diabetes|dementia|depression|stroke|high blood pressure".split("|"),
    "crop": "wheat|barley|olive|grape|maize|potato|rice".split("|"),
    "river": "Aldon|Brisk|Corran|Dellow|Esk|Fenn|Grave|Holt|Iver|Jorr".split("|"),
    "lake": "Lake Merrow|Lake Tansy|Lake Odell|Lake Vire|Lake Harrow".split("|"),
    "road": "the A40 ring road|Harbour Road|the northern bypass|Station Street|the coast highway|Mill Lane".split("|"),
    "project": (
        "a new ferry terminal|battery recycling|a school robot|cheaper water filters|a housing estate|river sensors|"
        "an app for carers"
    ).split("|"),
    "gadget": "tablet|smartwatch|laptop|phone|e-reader|hearing aid".split("|"),
    "team": "Rovers|United|Athletic|Wanderers|City|Rangers|Harriers".split("|"),
    "event": "10,000 metres|high jump|marathon|400 metres|triathlon|100 metres freestyle".split("|"),
    "prize": "National Book Prize|Golden Quill|Meridian Fiction Award|First Novel Prize".split("|"),
    "artifact": "bronze statue|ceremonial mask|carved throne|manuscript collection|golden crown".split("|"),
}
GENERIC = [
    "The announcement came on {weekday} after weeks of speculation.",
    "A spokesperson for the {org} declined to comment on the figures.",
    "The plan still needs approval from the national government in {country}.",
    "Opponents have until {date} to lodge objections.",
    "{person2} told local radio that the decision was overdue.",
    "The {org} will publish a full report before the end of {month}.",
    "Some {noun} figures for {region} were revised downwards last year.",
    "Neighbouring {city2} is expected to make a similar announcement soon.",
    "The last comparable change came in {year}, under a different administration.",
    "Campaigners in {city} said they would keep up the pressure.",
    "Independent experts said the estimate of {money} looked optimistic.",
    "The debate is likely to continue well into {month}.",
    "Figures from {country} show a similar trend over the past {small} years.",
    "{person2}, who has worked in {city} for {small2} years, called it a turning point.",
    "Officials in {city} said more details would be published in {month}.",
    "Residents interviewed on {weekday} gave the news a mixed reception.",
    "The figures were published by the {org} on its website.",
    "It was not immediately clear how the plan would be funded.",
    "A public meeting is planned for {date} at the town hall in {city}.",
    "Local newspapers in {region} have followed the story closely.",
    "The decision follows a review that began in {month} {year}.",
    "{person2} said the next steps would be discussed with partners in {country}.",
    "Similar schemes have been tried in {city2} with mixed results.",
]
CHROME = [
    "Share this article",
    "Related",
    "Read more",
    "Advertisement",
    "Subscribe to our newsletter",
    "Tags",
    "#news #{topic}",
    "Leave a comment",
    "Back to top",
]
ORG_KINDS = (
    "City Council|Regional Health Authority|Transport Agency|Chamber of Commerce|Statistics Office|Institute|"
    "Foundation|Group|Holdings|Industries|Logistics|Energy|Bank|Society|Union|Museum|Trust"
).split("|")


@dataclass
class Article:
    """One generated article: its file name, text and a question about one of its facts."""

    name: str
    text: str
    question: str


def _city(rng: random.Random) -> str:
    return rng.choice(CITY_A) + rng.choice(CITY_B)


def _slots(rng: random.Random) -> dict[str, str]:
    city, city2 = _city(rng), _city(rng)
    while city2 == city:
        city2 = _city(rng)
    first_org = rng.choice([city, rng.choice(LAST), rng.choice(COUNTRIES)])
    year = rng.randint(1990, 2024)
    slots = {
        "city": city,
        "city2": city2,
        "region": rng.choice(REGIONS),
        "country": rng.choice(COUNTRIES),
        "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "person2": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "role": rng.choice(ROLES),
        "org": f"{first_org} {rng.choice(ORG_KINDS)}",
        "n": f"{rng.choice([rng.randint(12, 990), rng.randint(1000, 99000)]):,}",
        "n2": f"{rng.randint(20, 4000):,}",
        "small": str(rng.randint(2, 9)),
        "small2": str(rng.randint(10, 48)),
        "pct": f"{rng.randint(1, 40)}.{rng.randint(0, 9)} percent",
        "pct2": f"{rng.randint(1, 40)} percent",
        "money": rng.choice(["$", "€", "£"])
        + f"{rng.randint(2, 950)} "
        + rng.choice(["million", "thousand", "billion"]),
        "month": rng.choice(MONTHS),
        "weekday": rng.choice(WEEKDAYS),
        "date": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
        "year": str(year),
        "year2": str(rng.randint(year, 2025)),
        "ordinal": rng.choice(["second", "third", "fourth", "fifth", "sixth"]),
    }
    for key, values in FILL.items():
        slots[key] = rng.choice(values)
    slots["team2"] = rng.choice([t for t in FILL["team"] if t != slots["team"]])
    return slots


def _fill(template: str, slots: dict[str, str], rng: random.Random, fresh: float = 0.5) -> str:
    # Refresh some slots per sentence so an article states many different facts.
    local = dict(slots)
    if rng.random() < fresh:
        other = _slots(rng)
        for key in ("n", "n2", "small", "small2", "pct", "money", "month", "weekday", "date", "person2", "city2"):
            if rng.random() < 0.6:
                local[key] = other[key]
    text = template.format(**local)
    return text[0].upper() + text[1:]


def article(i: int, seed: int = 7) -> Article:
    """Article number ``i`` of the corpus made with ``seed`` (independent of every other article)."""
    rng = random.Random(f"{seed}:{i}")
    topic = rng.choice(list(TOPICS))
    spec = TOPICS[topic]
    slots = _slots(rng)
    slots["noun"] = rng.choice(spec["noun"])
    template = rng.choice(spec["title"])
    title = _fill(template, slots, rng, fresh=0.0)
    if "{city}" not in template:
        title = f"{slots['city']}: {title}" if rng.random() < 0.5 else f"{title}, {slots['person2']} says"
    target = int(min(1100, max(250, rng.lognormvariate(6.25, 0.35))))
    lines = [title, ""]
    if rng.random() < 0.5:
        lines += [f"By {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    pool: list[str] = []
    quotes: list[str] = []
    words = 0
    first = True
    while words < target:
        sentences = []
        for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
            if not pool:  # every template once before any repeats (then with other numbers and names)
                pool = rng.sample(spec["body"] + GENERIC, len(spec["body"]) + len(GENERIC))
            if not quotes:
                quotes = rng.sample(spec["quote"], len(spec["quote"]))
            if rng.random() < 0.12:
                quote = _fill(quotes.pop(), slots, rng)
                who = rng.choice([slots["person"], slots["person2"], f"the {slots['role']}"])
                sentences.append(
                    f"“{quote},” {who} {rng.choice(['said', 'told reporters', 'added', 'said on ' + slots['weekday']])}"
                    "."
                )
            else:
                sentences.append(_fill(pool.pop(), slots, rng, fresh=0.5 if len(pool) > 5 else 0.9))
        if first:
            sentences[0] = f"{slots['city'].upper()} — " + sentences[0]
            first = False
        paragraph = " ".join(sentences)
        words += len(paragraph.split())
        lines += [paragraph, ""]
    if rng.random() < 0.3:
        lines += [c.format(topic=topic) for c in rng.sample(CHROME, 3)]
    question = _fill(rng.choice(spec["q"]), slots, rng)
    slug = re.sub(r"[^a-z]+", "-", topic)
    return Article(f"{i:05d}_{slug}.txt", "\n".join(lines).rstrip() + "\n", question)


def write_corpus(folder: Path, n: int, seed: int = 7, start: int = 0) -> int:
    """Write articles ``start .. start+n-1`` into ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(start, start + n):
        a = article(i, seed)
        data = a.text.encode("utf-8")
        (folder / a.name).write_bytes(data)
        total += len(data)
    return total


OFF_TOPIC = [
    "What is the capital of Australia?",
    "Who painted the Mona Lisa?",
    "What is the boiling point of water at sea level?",
    "Who won the 1998 World Cup?",
]


def questions(n: int, articles: int, seed: int = 7) -> list[str]:
    """``n`` questions: mostly about facts of the first ``articles`` articles, one in eight off topic."""
    rng = random.Random(f"questions:{seed}")
    out = []
    for k in range(n):
        if k % 8 == 7:
            out.append(OFF_TOPIC[(k // 8) % len(OFF_TOPIC)])
        else:
            out.append(article(rng.randrange(articles), seed).question)
    return out
