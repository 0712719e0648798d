"""What a question asks for, and whether one sentence holds it: unit tests on plain strings (no model, no index)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qa.places import capitalise_places, is_city_or_larger, is_country_or_region
from qa.question import (
    analyse,
    as_asked,
    as_question,
    asks,
    checking_a_claim,
    compound_parts,
    name_initials,
    plain_epithets,
    role_words,
    spelt_out,
)
from qa.retrieve import CorpusStats
from qa.sentence_checks import (
    criticises,
    dated_by_reference,
    describes,
    foretells,
    has_answer_type,
    holds_role,
    names_a_set_only_by_count,
    people_in,
    places_in_country_only,
    quotes_question,
    reports_no_agreement,
    reports_speech,
    role_holders,
    sides_of,
    speaker_aliases,
    spoken_by,
    states_demands,
    withholds,
)
from qa.text import outside_quotes, quote_balance, stem, synonyms


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("How many people were killed in Kharkiv?", "number"),
        ("How long did the meeting last?", "number"),
        ("For how many days did the White House halt weapons supplies?", "number"),
        ("On which day did the Center publish its update?", "date"),
        ("When did the talks start?", "date"),
        ("Why did the ceasefire lapse?", "reason"),
        ("In which European cities did Rubio hold talks?", "place"),
        ("What's the name of Ukraine's foreign minister?", "person"),
        ("On what calendar date was the summit held?", "date"),
        ("What does the country want from the talks?", "other"),
        ("What was the reason for the delay?", "reason"),
        ("Who leads the delegation?", "person"),
        ("Whose perspectives must be included?", "other"),  # an owner can be a nation or a group
        ("Where was the next meeting scheduled?", "place"),
        ("Where do things stand on the minerals deal?", "other"),  # a state of affairs, not a location
        ("On which television programme did the minister speak?", "media"),
        ("Which news outlet did the envoy talk to?", "media"),
        ("On what exact date is the London meeting scheduled?", "date"),
        ("What are the names of the ministers who travelled to Paris?", "person"),
        ("What dates were set for a truce?", "date"),
        ("What target dates have been mentioned for a deal?", "date"),  # a word before the noun, as for places
        ("Who is Javed Ali?", "describe"),
        ("Apart from Geneva, in which city did Rubio hold talks?", "place"),  # the question after its lead
        ("According to Javed Ali, which country carries the big stick?", "place"),
        ("Exactly how many Ukrainians were killed?", "number"),
        ("By how many troops would the plan cut the army?", "number"),
        ("Who's Kirill Dmitriev?", "describe"),
        ("Under the 28-point plan, how many troops would the army be capped at?", "number"),  # a leading phrase
        ("On what date is the next meeting in London, which Rubio named, scheduled?", "date"),
        ("What, according to critics, is wrong with the plan?", "other"),
        ("Who exactly is Kirill Dmitriev and what's his job?", "describe"),  # a hedge before "is"
        ("Which Sunday show did Rubio appear on?", "media"),
        ("What's Russia's top negotiator saying about the talks?", "other"),  # his words, not who he is
        ("Who is the man Thomas Wright?", "describe"),
        ("Who is the man Trump sent to Moscow?", "person"),  # the one a clause about another names
        ("What is Putin actually demanding?", "other"),  # what he does, an adverb before the verb or not
        ("What is Ukraine's position on joining NATO?", "other"),  # what Ukraine holds, not what Ukraine is
        ("What are Putin's main demands for ending the war?", "other"),
    ],
)
def test_question_types(question: str, qtype: str) -> None:
    assert analyse(question).qtype == qtype


def test_speech_questions_name_their_speaker() -> None:
    info = analyse("In his post after the strike, what did Trump say Putin might be doing?")
    assert info.asks_speech and info.speaker == ("trump",)
    assert analyse("What did the Secretary of State say about the war?").speaker == ("secretari", "state")
    assert not analyse("What did the White House cut off in March?").asks_speech
    assert analyse("What did Rubio suggest the US might do?").speaker == ("rubio",)  # what he suggested: his words
    assert analyse("What did the envoy warn could happen?").asks_speech
    assert analyse("Which issues did Rubio say still need work?").speaker == ("rubio",)
    assert analyse("What tools did Trump suggest?").speaker == ("trump",)
    kinds = analyse("What kinds of measures did Trump suggest might be needed?")  # "kinds of" is no topic
    assert kinds.speaker == ("trump",) and "kind" not in kinds.terms and kinds.focus == ["measur"]
    assert analyse("How did Rubio describe the progress made in Geneva?").speaker == ("rubio",)
    assert not analyse("How many people did the attack kill, officials said?").asks_speech  # a count, not words
    saying = analyse("What's Russia's top negotiator saying about how the talks are going?")  # "what's", "-ing"
    assert saying.asks_speech and saying.speaker == ("russ", "top", "negoti") and saying.topic == ("talk",)
    assert analyse("What is the Kremlin spokesman telling reporters?").speaker == ("kremlin", "spokesman")
    # criticism is something said: the answer reports it ("Critics argue that ...", "has been accused of ...")
    assert analyse("What criticism has been made of the administration's approach?").asks_speech
    assert analyse("How have critics described the talks?").asks_speech
    assert not analyse("Why is the week critical?").asks_speech
    assert analyse("What criticisms have been levelled at the talks?").asks_judgement
    # "according to critics" says whose view is asked for; the answer need not be a criticism
    assert not analyse("What could happen if the US withdrew, according to critics?").asks_judgement
    assert not analyse("What role does US Secretary of State Marco Rubio play?").asks_speech  # "State" is no verb
    assert not analyse(
        "Which city did Russia hit with missiles a day after the White House said a deal was close?"
    ).asks_speech


def test_yes_no_questions_name_their_subjects() -> None:
    assert analyse("Has Ukraine held elections since the invasion began?").subjects == ("elect", "invas")
    assert analyse("Has Ukraine agreed to hold a referendum?").subjects == ("referendum",)
    assert analyse("Are negotiations slowing down or picking up?").subjects == ("negoti",)
    assert analyse("What elections were held?").subjects == ()  # only yes/no questions
    # a claim told after "is it the case that": the word after its first name is its verb
    claim = "Is it the case that Washington expects the European powers to furnish security guarantees?"
    assert analyse(claim).subjects == ("power", "secur", "guarante")
    assert analyse("Is it true Moscow wants a halt to mobilization?").subjects == ("mobil",)
    # "things" names no subject the articles must mention; "went" and "see" say nothing of the topic
    assert analyse("Will the US give up things that hurt Ukraine?").subjects == ()
    assert analyse("Who went to Moscow to see Putin?").terms == ["moscow", "putin"]


def test_a_question_in_a_quote_is_not_a_question_the_document_asks() -> None:
    assert asks("What are the key objectives of the negotiations?")
    assert asks("“Is there optimism for a deal?”")
    assert not asks("“It makes me think he has to be dealt with differently, through “Banking” or “Sanctions?”")


@pytest.mark.parametrize(
    ("question", "sentence", "holds"),
    [
        # the number must be new: 12 is in the question
        ("How many missiles hit Kyiv in the barrage that killed 12 people?", "The barrage killed 12 people.", False),
        # the number must count what is asked: 98 counts civilians, not children
        ("How many children were injured?", "It killed one and injured 98 civilians, including children.", False),
        ("How many civilians were injured?", "It killed one and injured 98 civilians, including children.", True),
        ("How many people were injured?", "It killed one and injured 98 civilians, including children.", True),
        ("How many people died in the attack?", "A missile attack killed 34 during Palm Sunday.", True),
        ("How many days did the truce last?", "Kyiv agreed to a 30-day ceasefire.", True),
        # "a 30-day ceasefire" is how long the ceasefire lasts, not the pause the question asks about
        (
            "How many days did the White House pause weapons supplies?",
            "After the White House cut weapons supplies, Kyiv agreed to a 30-day ceasefire.",
            False,
        ),
        # a percentage is a part of a whole, not a count
        ("What percentage of Ukraine does Russia control?", "Peace will center on the five territories.", False),
        ("What percentage of Ukraine does Russia control?", "Russia controls about 19% of Ukraine.", True),
        ("What share of the budget went to defence?", "A third of the budget went to defence.", True),
        # "how long" wants a duration, not a year
        ("How long did the meeting last?", "Russia annexed the peninsula in 2014 and four regions.", False),
        ("How long did the meeting last?", "They talked for three hours.", True),
        ("How long after the first attack was the bakery hit?", "The bakery was hit days after the attack.", True),
        ("How long did the meeting last?", "It has been his position the last couple years.", False),
        # a time after or before another is no answer to how long something went on
        ("How long did the meeting last?", "A day after the meeting, Russia launched missiles.", False),
        ("How long did the meeting last?", "The meeting went on for hours.", True),
        ("How long after the meeting did Russia strike?", "A day after the meeting, Russia launched missiles.", True),
        # a number the question spells out is no new number
        ("Besides the twelve who died, how many were hurt in Kyiv?", "Missiles hit Kyiv and killed 12 people.", False),
        ("Besides the 12 who died, how many were hurt in Kyiv?", "Missiles hit Kyiv and killed twelve people.", False),
        # a toll of another kind: the dead are no answer to "how many were injured"
        ("How many people were injured in Sumy?", "A missile attack killed 34 during Palm Sunday.", False),
        ("How many people died in Sumy?", "A missile attack killed 34 during Palm Sunday.", True),
        # the toll of an earlier attack is no toll of the strike that followed it
        (
            "How many people were killed in the drone strike on the bakery in Sumy?",
            "A drone strike hit a bakery in Sumy, days after a previous missile attack killed 34 during Palm Sunday.",
            False,
        ),
        (
            "How many people were killed in the Palm Sunday attack on Sumy?",
            "A drone strike hit a bakery in Sumy, days after a previous missile attack killed 34 during Palm Sunday.",
            True,
        ),
        # without an auxiliary, what follows "how many" is still what is counted
        (
            "How many children get hurt in Kharkiv?",
            "It killed one and injured 98 civilians, including children.",
            False,
        ),
        ("How many Ukrainian civilians get hurt?", "It killed one and injured 98 civilians, including children.", True),
        # "12 people" counts people (and their deaths), not missiles
        ("How many missiles did Russia fire at Kyiv?", "A barrage of missiles hit Kyiv and killed 12 people.", False),
        ("How many Russian missiles hit Kyiv?", "A barrage of missiles hit Kyiv and killed 12 people.", False),
        ("How many Ukrainians died in Kyiv?", "A barrage of missiles hit Kyiv and killed 12 people.", True),
        ("How many deaths did the Kyiv strike cause?", "A barrage of missiles hit Kyiv and killed 12 people.", True),
        # a year counts nothing
        ("How many children were taken?", "Crimea, which Russia annexed in 2014, and the four regions.", False),
        ("How many children were taken?", "Officials say 19,546 were taken.", True),
    ],
)
def test_number_answers_are_new_and_count_the_right_thing(question: str, sentence: str, holds: bool) -> None:
    info = analyse(question)
    assert has_answer_type(info.qtype, sentence, info.text, info.focus) is holds


def test_person_answers_name_someone_new_not_a_title() -> None:
    sentence = "Vice President JD Vance, ahead of meetings in Rome, struck a cautiously optimistic tone."
    assert has_answer_type("person", sentence, "Which US official struck a cautiously optimistic tone?")
    assert not has_answer_type("person", sentence, "Whom did JD Vance meet in Rome?")
    # the question's "Vance" is the sentence's "JD Vance": no one new
    assert not has_answer_type("person", sentence, "Whom did Vice President Vance meet in Rome?")
    # a lone name that is to act answers who should act
    question = "Who does the White House say should provide security guarantees?"
    assert has_answer_type("person", "The White House has insisted Europe should provide them.", question)
    assert not has_answer_type("person", "The White House has insisted guarantees should come later.", question)


def test_a_lone_name_counts_as_the_subject_others_write_it_as_a_name() -> None:
    question = "Who is reportedly considering a trip to the US?"
    sentence = "Zelenskyy is reportedly considering a visit to the US for face-to-face talks."
    assert has_answer_type("person", sentence, question, known_names=frozenset({"Zelenskyy"}))
    assert not has_answer_type("person", sentence, question)  # any first word is capitalised
    assert not has_answer_type("person", "Progress was made.", question, known_names=frozenset({"Zelenskyy"}))


def test_a_day_is_not_a_name() -> None:
    sentence = "A drone strike hit a bakery in Sumy, days after an attack during Palm Sunday celebrations."
    assert not has_answer_type("person", sentence, "What is the name of the bakery in Sumy?")


def test_what_was_said_about_what() -> None:
    info = analyse("What did Dmitry Peskov say about the cluster munitions attack on Kharkiv?")
    assert info.speaker == ("dmitri", "peskov") and info.topic == ("cluster", "munit", "attack", "kharkiv")
    assert analyse("What has the US said about Ukraine's sovereignty?").topic == ("ukrain", "sovereignti")
    assert analyse("What did Trump say Putin might be doing?").topic == ()


def test_word_families_the_stemmer_keeps_apart() -> None:
    stats = CorpusStats(["The economic outlook darkened.", "Diplomatic efforts went on."])
    assert "econom" in stats.variants("economi")  # "economy" is met by "economic"
    assert stats.variants("war") == set()  # short stems are left alone
    # words Snowball would fold into an unrelated one: an objective (an aim) is no objection, critical no critic
    assert stem("objective") != stem("object") and stem("critical") != stem("critics")


def test_place_answers_name_a_place_the_question_does_not() -> None:
    question = "Where was the next meeting after the Paris talks scheduled?"
    assert has_answer_type("place", "The next meeting was scheduled for London.", question)
    assert not has_answer_type("place", "Rubio spoke in Paris about the next meeting.", question)
    assert has_answer_type(
        "place", "Trump claimed on the campaign trail he would end the war.", "Where did he claim it?"
    )
    # the place the question's own verb acts on
    question = "Which region could be destabilized if the talks fail?"
    assert has_answer_type("place", "Hostilities may destabilize Eastern Europe significantly.", question)
    assert not has_answer_type("place", "Hostilities may destabilize the region, Rubio warned.", question)
    # in either spelling: "destabilised" (stem "destabilis") is the verb of "destabilize" (stem "destabil")
    question = "Which region could be destabilised if the talks fail?"
    assert has_answer_type("place", "Hostilities may destabilize Eastern Europe significantly.", question)
    # "on the war" is a topic, not a setting
    assert not has_answer_type("place", "The summit gauges the administration's thinking on the war.", question)
    # a country written in initials is a place; an alliance is not
    assert has_answer_type("place", "Zelenskyy is considering a visit to the US.", "Where may Zelenskyy travel?")
    assert not has_answer_type("place", "Ukraine cannot join NATO or turn to NATO.", "Where may Zelenskyy travel?")


def test_a_country_question_is_answered_by_a_country() -> None:
    question = "Which country holds the real leverage over Putin, according to Javed Ali?"
    assert has_answer_type("place", "The United States carries the big stick in this equation,” Ali said.", question)
    ali = "Putin faces no internal pressure,” said Javed Ali, associate professor at the University of Michigan."
    assert not has_answer_type("place", ali, question)  # a university is no country


def test_a_city_question_is_not_answered_by_a_country() -> None:
    question = "In which city did the US hold talks with Ukrainian and European officials?"
    assert has_answer_type("place", "Rubio, speaking from the US mission in Geneva, was optimistic.", question)
    assert has_answer_type("place", "The ministers arrived in the French capital for the summit.", question)
    assert not has_answer_type("place", "The US held talks with officials from Ukraine in Switzerland.", question)
    # seas, seats of government and bodies named after "for" are no cities either
    truce = "Both agreed to a truce in the Black Sea, only for the Kremlin to balk."
    assert not has_answer_type("place", truce, question)
    assert not has_answer_type("place", "The Center for Countering Disinformation said so.", question)
    # asked where, a country is an answer
    assert has_answer_type("place", "The US held talks in Switzerland.", "Where did the US hold talks?")
    # a sentence that places something in a country and nowhere else
    assert places_in_country_only("Talks were held with officials from Ukraine and Europe in Switzerland.")
    assert not places_in_country_only("Rubio spoke in Geneva.")
    assert not places_in_country_only("US and Ukraine to hold talks, with no end to Russia’s war.")  # "to Russia"
    assert is_country_or_region("the United States") and is_country_or_region("U.S.")
    assert not is_country_or_region("Sumy")


def test_a_building_or_district_is_no_city_country_or_region() -> None:
    question = "Which building in London is hosting the next round of talks?"
    assert analyse(question).qtype == "place"
    ahead = "Rubio, speaking from Paris, stated that the next meeting is scheduled for London next week."
    assert not has_answer_type("place", ahead, question)  # Paris is a capital, London the question's own
    palace = "Next week's talks will be held at the Elysee presidential palace in London."
    assert has_answer_type("place", palace, question)  # a seat of government may be a building
    district = "Which district of Kyiv was hit hardest by the barrage?"
    assert not has_answer_type("place", "Missiles hit Ukraine’s capital city of Kyiv.", district)
    assert is_city_or_larger("Paris") and is_city_or_larger("Eastern Europe") and is_city_or_larger("Ukraine")
    assert not is_city_or_larger("the Elysee") and not is_city_or_larger("Geneva")  # unknown names may be anything


def test_a_document_named_by_its_form_names_nothing_the_articles_must_hold() -> None:
    explainer = analyse("According to the Q&A explainer, which region could be destabilized if talks fail?")
    assert explainer.names == [] and "explain" not in explainer.terms
    assert analyse("What does the CNN piece say about Geneva?").names == [stem("Geneva")]


def test_when_is_answered_by_a_date_or_the_event_it_fell_in() -> None:
    assert has_answer_type("date", "The Center said in an update Tuesday that the truce failed.")
    assert has_answer_type("date", "While the Paris summit was underway, Dmitriev claimed interference.")
    assert not has_answer_type("date", "Dmitriev claimed that many countries want to disrupt the dialogue.")
    assert not has_answer_type("date", "Rubio said the administration may want to shift its attention.")
    assert has_answer_type("date", "The talks resume on May 9.")


def test_reasons_need_a_causal_connective() -> None:
    assert has_answer_type("reason", "Putin can do that because he faces no pressure.")
    assert has_answer_type("reason", "The coalition pledged to defend Ukraine in the face of dwindling support.")
    assert not has_answer_type("reason", "After the White House cut weapons supplies in March, Kyiv agreed.")
    assert not has_answer_type("reason", "Peskov said talks go on, even as a ceasefire recently lapsed.")
    # a condition not yet met explains why something did not happen
    assert has_answer_type("reason", "The Kremlin said it would only sign the deal when the tariffs are dropped.")
    assert has_answer_type("reason", "Talks are frozen until both sides withdraw their troops.")
    # weighing possible reasons is giving none
    unclear = "It was not clear whether the timeline was meant to add urgency or whether the US was walking away."
    assert not has_answer_type("reason", unclear)
    assert has_answer_type("reason", "The timeline was meant to add urgency to the talks.")
    assert not has_answer_type("reason", "Only two delegations arrived, and talks began on Monday.")
    # what followed an event: the event is the reason for the main clause, not for itself
    after = "After the White House cut weapons supplies in March, Kyiv swiftly agreed to the ceasefire proposal."
    assert has_answer_type("reason", after, "Why did Kyiv agree to the ceasefire proposal so quickly?")
    assert not has_answer_type("reason", after, "Why did the White House cut weapons supplies?")
    # what alarmed, angered or prompted someone is why they reacted
    assert has_answer_type("reason", "Kyiv has been alarmed by the envoy's repetition of Kremlin talking points.")
    assert not has_answer_type("reason", "The envoy met Kyiv's allies in Paris.")
    # what "has led" someone "to" do something is why they did it
    assert has_answer_type("reason", "He rejected every proposal, which has led the allies to doubt his word.")
    assert not has_answer_type("reason", "The talks were led by the foreign minister in Paris.")
    # what critics argue is why they object
    argue = "Critics argue that Trump’s negotiation style puts undue pressure on Ukraine."
    assert has_answer_type("reason", argue, "Why do critics object to the way Trump is negotiating?")
    assert not has_answer_type("reason", argue, "Why is Trump negotiating?")


def test_speech_is_reported_by_a_quote_or_a_verb_of_saying() -> None:
    assert reports_speech("Critics argue that the style puts pressure on Ukraine.")
    assert reports_speech("“We need to decide in a matter of days,” Rubio said.")
    assert not reports_speech("Witkoff and Rubio were greeted at the palace by Macron.")


@pytest.mark.parametrize(
    ("sentence", "previous", "following", "speaker", "spoken"),
    [
        ("Trump last week said that “Russia has to get moving.”", "", "", ("trump",), True),
        ("In a sign of irritation with Moscow, Trump said Russia has to move.", "", "", ("trump",), True),
        # an object or an owner is not the speaker
        ("The White House suggested a deal is close after Witkoff met with Putin.", "", "", ("putin",), False),
        ("After meeting Russian President Vladimir Putin, Witkoff told Fox News...", "", "", ("putin",), False),
        # a name that does something "after" is no speaker, title and all
        (
            "A deal is close after special envoy Steve Witkoff met Putin.",
            "",
            "",
            ("special", "envoy", "witkoff"),
            False,
        ),
        ("He said Putin’s latest meeting was “extremely productive.”", "Dmitriev claimed more.", "", ("putin",), False),
        # a pronoun speaks for the one named before; a quote left open is attributed where it closes
        ("He said the meeting was “extremely productive.”", "Kirill Dmitriev claimed more.", "", ("dmitriev",), True),
        ("“It makes me think he is tapping me along.", "", "Too many are dying!” Trump wrote.", ("trump",), True),
        ("“This has been Putin's position for years.", "", "But he can,” said Javed Ali.", ("trump",), False),
        # a quote that goes on after the sentence naming its speaker is still theirs
        ("“This is not our war.", "“We must decide in days,” Rubio said.", "We have other work.”", ("rubio",), True),
        ("“This is not our war.", "Rubio spoke in Paris on Friday.", "", ("rubio",), False),
        # what a verb of saying reports, a place, and the other names of a list after "with" are no speaker
        (
            "Rubio has assured that the efforts will align with Ukraine's aims and Ukrainian authorities.",
            "",
            "",
            ("ukrain",),
            False,
        ),
        ("Officials want stability in Ukraine.", "", "", ("ukrain",), False),
        (
            "After talks with Russian and Ukrainian officials, the White House said both had agreed.",
            "",
            "",
            ("ukrain",),
            False,
        ),
        # the closing attribution names the speaker; a long clause after it may name another
        (
            "The army killed more Ukrainians than before, the Center said in an update Tuesday.",
            "",
            "",
            ("ukrain",),
            False,
        ),
        (
            "The White House said both agreed – only for the Kremlin to announce it would wait for sanctions to go.",
            "",
            "",
            ("kremlin",),
            True,
        ),
        (
            "Ukrainian official Andriy Yermak underscored the mood, stating that the talks were productive.",
            "",
            "",
            ("ukrain",),
            True,
        ),
    ],
)
def test_the_speaker_is_found_outside_the_quote(
    sentence: str, previous: str, following: str, speaker: tuple[str, ...], spoken: bool
) -> None:
    assert spoken_by(sentence, speaker, previous, following) is spoken


def test_withheld_details_are_recognised() -> None:
    focus = analyse("What positive developments did Vance hint at?").focus
    assert withholds("Vance struck an optimistic tone, hinting at positive developments he would not detail.", focus)
    assert not withholds("Vance hinted at positive developments in the minerals deal.", focus)


def test_quote_helpers() -> None:
    assert quote_balance("“It makes me think, through “Banking” or “Sanctions?”") == 1
    assert quote_balance("Too many people are dying!” Trump wrote.") == -1
    assert quote_balance("“We are close,” Rubio said.") == 0
    assert outside_quotes("“We are close,” Rubio said.").split() == ["Rubio", "said."]
    assert outside_quotes("Too many people are dying!” Trump wrote.").split() == ["Trump", "wrote."]


def test_a_set_referred_to_only_by_its_count_is_not_named() -> None:
    question = "Which four regions does Russia claim?"
    assert names_a_set_only_by_count("It holds Crimea and the four regions Russia has occupied since 2022.", question)
    assert not names_a_set_only_by_count(
        "Russia claims four regions: Donetsk, Luhansk, Zaporizhzhia and Kherson.", question
    )
    assert not names_a_set_only_by_count("Donetsk, Luhansk, Zaporizhzhia and Kherson are the four regions.", question)
    assert not names_a_set_only_by_count(
        "the “five territories,” referring to Crimea, ...", "What are the five territories?"
    )
    assert not names_a_set_only_by_count("It holds the four regions.", "How many regions does it hold?")
    # the wording used for a counted set asks for no members
    wording = "What phrase did Witkoff use for Crimea plus the four occupied regions?"
    assert not names_a_set_only_by_count("the so-called “five territories,” Crimea and the four regions", wording)
    # "one of the parties" is a member, not a counted set
    assert not names_a_set_only_by_count(
        "“If one of the parties makes this too difficult, we’ll just say they’re being foolish,” Trump said.",
        "What did Trump say he would do if one of the parties made the talks too difficult?",
    )


def test_one_member_of_a_numbered_set_is_not_named_by_the_sets_number() -> None:
    plan = "The approach includes a comprehensive 28-point peace plan, which seeks to address outstanding issues."
    assert names_a_set_only_by_count(plan, "What is the first point of the 28-point peace plan?")
    assert names_a_set_only_by_count(plan, "Which point of the 28-point plan deals with NATO membership?")
    assert not names_a_set_only_by_count(  # the point itself is given
        "The first point of the 28-point plan calls for a ceasefire.", "What is the first point of the 28-point plan?"
    )
    assert names_a_set_only_by_count(plan, "What does the first point of the US 28-point peace plan say?")
    assert names_a_set_only_by_count(plan, "Which specific points of the 28-point plan were changed in Geneva?")
    assert not names_a_set_only_by_count(plan, "What does the 28-point plan seek to address?")  # the plan, whole
    assert not names_a_set_only_by_count(plan, "How many points does the peace plan have?")


def test_common_nouns_in_capitals_are_not_names() -> None:
    assert analyse("On which TV show did Rubio appear?").names == ["rubio"]
    assert analyse("What did the UK say?").names == ["uk"]  # a country is a name the articles must hold
    assert analyse("Where was VP JD Vance headed?").names == ["jd", "vanc"]  # a title, as "Vice President"


@pytest.mark.parametrize(
    ("sentence", "by_reference"),
    [
        ("Following talks later that month, the White House said both had agreed.", True),
        ("The envoy flew back the same day.", True),
        ("Talks resumed on March 3 and ended the following week.", False),  # the date is given
        ("In 2014 Russia annexed Crimea; the next year brought sanctions.", False),
        ("That is a matter for the coming months.", False),  # no reference back to a date
    ],
)
def test_a_date_given_only_by_reference(sentence: str, by_reference: bool) -> None:
    assert dated_by_reference(sentence) is by_reference


def test_a_description_says_who_the_name_is() -> None:
    asked = frozenset({"andriy", "yermak"})
    assert describes("Andriy Yermak, a top aide to the president, said the talks went well.", asked)
    assert describes("The talks were led by Ukrainian President Andriy Yermak.", asked)  # a title in the name
    assert not describes("The talks went well, Andriy Yermak said.", asked)
    assert not describes("Witkoff, a real estate developer, met Putin.", asked)  # describes someone else


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("Rubio said the US would decide whether to end the 3-year-old war.", False),  # the war's age
        ("Marco Rubio, 54, said the talks were close.", True),
        ("The 54-year-old Rubio said so.", True),
        ("Putin, 72, said no.", False),  # someone else's age
    ],
)
def test_how_old_asks_for_the_age_of_whom_it_names(sentence: str, gives: bool) -> None:
    assert has_answer_type("number", sentence, "How old is Marco Rubio?") is gives


def test_how_old_asks_for_the_age_of_what_it_names() -> None:
    war = "Rubio said the US would decide whether to end the 3-year-old war."
    assert has_answer_type("number", war, "How old was the war when Rubio spoke?")


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("Rubio said during an appearance on NBC’s “Meet the Press” that the week mattered.", True),
        ("Witkoff told Fox News that any deal will center on five territories.", True),
        ("The report first appeared on CNN.", True),
        ("Rubio, speaking from Paris, stated that the next meeting could decide it.", False),
        ("Ukraine cannot join NATO while Trump is in office.", False),  # an alliance, not an outlet
    ],
)
def test_a_media_question_needs_an_outlet_or_a_programme(sentence: str, gives: bool) -> None:
    assert has_answer_type("media", sentence, "On which programme did he say it?") is gives


def test_a_speaker_named_by_role_is_found_by_name() -> None:
    texts = ["US President Donald Trump on Friday said talks were close.", "Russian President Vladimir Putin declined."]
    assert speaker_aliases(("us", "presid"), texts) == ("donald", "trump")  # not the Russian president
    assert speaker_aliases(("secretari", "state"), ["US Secretary of State Marco Rubio spoke."]) == ("marco", "rubio")
    assert speaker_aliases(("rubio",), ["Secretary of State Marco Rubio spoke."]) == ()  # named already
    assert speaker_aliases(("special", "envoy"), ["after special envoy Steve Witkoff met Putin"]) == (
        "steve",
        "witkoff",
    )


def test_a_multiple_answers_a_comparison_not_a_count() -> None:
    ratio = "In the 22 days after the truce, the army killed nearly 2.5 times more Ukrainians than before."
    assert has_answer_type("number", ratio, "How many more Ukrainians were killed after the truce?", ["ukrain"])
    assert not has_answer_type("number", ratio, "How many Ukrainians were killed after the truce?", ["ukrain"])


@pytest.mark.parametrize(
    ("question", "sentence", "gives"),
    [
        ("When did the talks first begin?", "The talks first began in March.", True),
        ("When did the talks first begin?", "The talks began on March 3.", True),
        ("When did the envoy first meet Putin?", "The envoy met Putin in Moscow on Friday.", False),
        ("When did Trump last speak to Putin?", "Trump last spoke to Putin on Tuesday.", True),
        ("When did Trump last speak to Putin?", "Trump last week said that Russia has to get moving.", False),
        ("What did Trump say last week?", "Trump last week said that Russia has to get moving.", True),  # no date asked
    ],
)
def test_first_or_last_asks_which_occurrence_is_dated(question: str, sentence: str, gives: bool) -> None:
    qtype = "date" if question.startswith("When") else "other"
    assert has_answer_type(qtype, sentence, question) is gives


def test_a_count_of_people_is_no_count_of_a_group_the_question_singles_out() -> None:
    barrage = "Russia launched a barrage of missiles into Kyiv that killed 12 people."
    assert has_answer_type("number", barrage, "How many were killed in Kyiv?")
    assert has_answer_type("number", barrage, "How many residents were killed in Kyiv?", ["resid"])
    assert not has_answer_type("number", barrage, "How many children were killed in Kyiv?", ["children"])


def test_a_duration_can_be_a_single_unit() -> None:
    sentence = "A day after the administration said a deal was close, Russia launched a barrage of missiles."
    assert has_answer_type("number", sentence, "How long after the deal was called close did Russia strike?")


def test_a_role_question_knows_its_role() -> None:
    info = analyse("Who is the Ukrainian foreign minister?")
    assert (info.qtype, info.role, info.asks_holder) == ("person", "minister", True)
    info = analyse("Which US senator criticized Witkoff?")
    assert (info.qtype, info.role, info.asks_holder) == ("person", "senator", False)
    assert analyse("Which Ukrainian ministers arrived in Paris?").qtype == "other"  # may want roles, not names
    info = analyse("What is the name of Ukraine's defense minister who went to the Paris summit?")
    assert (info.role, info.asks_holder, info.role_terms) == ("minister", True, ("ukrain", "defens", "minist"))


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("Kremlin spokesperson Dmitry Peskov said negotiations are ongoing.", True),
        ("Dmytro Kuleba, Ukraine's foreign minister, said so.", True),
        ("Kuleba is the foreign minister of Ukraine.", True),
        ("Andriy Yermak, a top aide to President Volodymyr Zelensky, said the ministers are working.", False),
        ("Ukraine's foreign minister and defense minister arrived in the French capital.", False),  # unnamed
    ],
)
def test_a_name_holds_the_role_asked_about(sentence: str, holds: bool) -> None:
    assert holds_role(sentence, "spokesperson" if "spokesperson" in sentence else "minister") is holds


def test_the_next_one_is_not_the_latest_one() -> None:
    q = "Where will the next summit be held?"
    assert not has_answer_type("place", "Ministers arrived in Paris for the latest summit.", q)
    assert has_answer_type("place", "The next meeting is scheduled for London.", q)
    assert has_answer_type("place", "Talks resumed in Geneva.", "Where did talks resume next week?")  # a time


def test_a_role_in_other_words_and_initials() -> None:
    assert holds_role("Kremlin spokesperson Dmitry Peskov said so.", "spokesman")  # the same role
    assert holds_role("US Secretary of State Marco Rubio is central.", "secretary")
    assert analyse("Why, says a former U.S. official, is Putin able to go on?").names == ["us", "putin"]


def test_how_many_times_is_answered_by_an_ordinal() -> None:
    s = "After meeting Putin for a third time last week, Witkoff told Fox News that a deal was near."
    assert has_answer_type("number", s, "How many times has Witkoff met Putin?")
    assert has_answer_type("number", s, "How many times had Trump's envoy met Putin?")  # the envoy's times
    assert not has_answer_type("number", s, "How many times did Trump talk with Putin?")  # Witkoff's, not his


def test_by_how_much_is_no_question_about_money() -> None:
    s = "In the 22 days after the truce, the Russian army killed nearly 2.5 times more Ukrainians."
    assert has_answer_type("number", s, "By how much did Russian killings of Ukrainians go up after the truce?")


def test_the_near_future_says_when() -> None:
    s = "Rubio expressed optimism about achieving a resolution in the near future."
    assert has_answer_type("date", s, "When did Rubio say he hoped a resolution could be achieved?")
    assert not has_answer_type("date", "Rubio spoke of the future of American involvement.", "When will it end?")


def test_what_the_question_sets_aside_and_how_it_asks_are_no_topic() -> None:
    assert analyse("Apart from Kyiv, which cities did Russia attack?").terms == ["citi", "russ", "attack"]
    assert analyse("Which cities besides Kyiv were attacked?").names == []
    assert analyse("Name the two US officials who went to Paris.").terms[0] == "two"  # "name" only asks
    assert "name" in analyse("What is the name of Ukraine's foreign minister?").terms  # a name is asked for


@pytest.mark.parametrize(
    ("sentence", "gives"),
    [
        ("After meeting Putin for a third time, Witkoff said any deal centres on five territories.", False),
        ("Congress has approved $61 billion in military aid to Ukraine.", True),
        ("The package is worth 20 billion euros.", True),
        ("Le café sert un crème brûlée à 7 francs.", True),  # any currency
        ("The strike killed 3 men and wounded 40 more.", False),
    ],
)
def test_a_question_about_money_wants_a_sum_of_money(sentence: str, gives: bool) -> None:
    question = "What is the total monetary value of US military assistance to Ukraine since 2022?"
    assert has_answer_type("number", sentence, question) is gives


def test_a_leader_can_be_a_president_and_a_man_can_be_named() -> None:
    greeted = "Witkoff and Rubio were greeted at the Elysee palace by French President Emmanuel Macron."
    assert holds_role(greeted, "leader")  # "the French leader"
    assert not holds_role("European leaders Keir Starmer and Emmanuel Macron met.", "president")  # not any leader
    assert analyse("Who is the man Thomas Wright?").qtype == "describe"
    assert analyse("Who is the man that greeted Rubio?").qtype == "person"


def test_a_name_written_out_is_its_initials() -> None:
    assert name_initials("Is the United States leaving the National Security Council?") == {
        "us": ("unit", "state"),
        "nsc": ("nation", "secur", "council"),
    }


def test_a_role_question_keeps_the_words_of_the_role() -> None:
    assert analyse("Who is the US Secretary of Defense?").role_terms == ("us", "secretari", "defens")
    assert analyse("Who is the Kremlin spokesperson who said talks go on?").role_terms == ("kremlin", "spokesperson")
    # what the holder did, after "and", is no part of the role
    assert analyse("Who is the Kremlin spokesman and said talks go on?").role_terms == ("kremlin", "spokesman")


def test_the_name_of_a_group_or_a_thing_asks_for_no_person() -> None:
    for question in (
        "What is the name of the grouping of Western states that pledged to defend Ukraine?",
        "What's the name of the US peace plan?",
        "What is the name of the TV show Rubio was on?",
    ):
        assert analyse(question).qtype != "person", question
    assert analyse("What is the name of the top Russian negotiator?").qtype == "person"


def test_a_toll_before_a_plural_counts_that_plural() -> None:
    kharkiv = "In Kharkiv, a deadly attack using cluster munitions killed one and injured 98 civilians."
    for question, holds in (
        ("For the Kharkiv attack, how many dead and how many injured are we reporting?", True),
        ("How many dead were there in Kharkiv?", True),
        ("How many dead children were there in Kharkiv?", False),  # 98 civilians count no children
        ("How many of the injured were children?", False),
    ):
        info = analyse(question)
        assert has_answer_type(info.qtype, kharkiv, info.text, info.focus) is holds, question


def test_a_polite_request_after_what_the_reader_says_first_is_the_question_it_makes() -> None:
    told = "I read somewhere that Mr. Putin met the envoy on a Friday."
    asked = as_asked(f"{told} Could you kindly tell me in which city that meeting took place?")
    assert asked == f"{told} In which city that meeting took place?"
    info = analyse(asked)
    assert info.qtype == "place" and "mr" not in info.names and "putin" in info.names  # "Mr." is no name
    assert as_asked("Would you be so kind as to tell me who greeted them?") == "Who greeted them?"
    assert as_asked("Could you please remind me which programme he was on?") == "Which programme he was on?"
    # "Mr. Rubio" ends no sentence; a question after what the reader says stays as it is
    assert as_asked("Could you tell me where Mr. Rubio spoke?") == "Where Mr. Rubio spoke?"
    assert as_asked("I read about Mr. Rubio. Where did he speak?") == "I read about Mr. Rubio. Where did he speak?"


def test_who_s_asks_for_the_holder_of_a_role() -> None:
    for question in ("who's the kremlin spokesman claiming talks go on?", "Who’s the Ukrainian official quoted?"):
        info = analyse(question)
        assert info.asks_holder and info.role in ("spokesman", "official"), question
    assert not analyse("who's been quoted on the talks?").asks_holder  # "who has", no role


def test_a_helper_or_assistant_is_an_aide() -> None:
    info = analyse("What is the name of the top helper to Ukraine's president?")
    assert (info.qtype, info.role) == ("person", "helper")
    assert "aide" in role_words("helper") and "aide" in role_words("assistant")


def test_unrelated_words_are_not_folded_together() -> None:
    assert stem("critical") != stem("critics") == stem("criticism")  # "a critical juncture" is no criticism
    assert stem("policy") != stem("police")
    assert stem("willing") == stem("willingness") != stem("will")  # "will" is a stop word
    assert stem("Ukrainian") == stem("Ukraine")  # demonyms still fold
    # irregular past forms are their verb: "had Witkoff met Putin" is about "meeting Putin"
    assert stem("met") == stem("meeting") == stem("meet")
    assert stem("dealt") == stem("deal") and stem("told") == stem("tell")
    assert stem("went") != stem("go")  # "go" is all but a stop word


@pytest.mark.parametrize(
    ("sentence", "holds"),
    [
        ("Critics argue that Trump’s negotiation style puts undue pressure on Ukraine.", True),
        ("The administration has been accused of using mostly sticks in its dealing with Ukraine.", True),
        ("Lawmakers criticized Trump for the pace of the talks.", True),
        # criticism, but of someone the question does not ask about
        ("Russia hit Kyiv, prompting criticism of Putin from Trump.", False),
        ("Trump criticized Putin for continuing to launch strikes.", False),
        # words, but no criticism
        ("Rubio said the administration would decide within days.", False),
    ],
)
def test_a_criticism_question_wants_criticism_of_what_it_asks_about(sentence: str, holds: bool) -> None:
    asked = frozenset(analyse("What criticism has been made of the Trump administration's approach?").terms)
    assert criticises(sentence, asked) is holds


def test_the_names_given_a_role_are_its_holders() -> None:
    texts = [
        "Andriy Yermak, a top aide to President Volodymyr Zelensky, said the ministers are working.",
        "Ukrainian official Andriy Yermak called the talks productive.",  # no role given here
    ]
    assert role_holders(texts, "aide") == {"andriy", "yermak"}
    assert role_holders(texts, "adviser") == {"andriy", "yermak"}  # the same role in other words
    assert role_holders(texts, "minister") == frozenset()  # "said the ministers" gives no one that role
    # whose aide: "a top aide to President Volodymyr Zelensky" qualifies the role with Zelensky
    assert role_holders(texts, "aide", ("zelenski",)) == {"andriy", "yermak"}


def test_where_something_was_published_is_a_place_it_was_published_on() -> None:
    sentence = "Too many people are dying!” Trump wrote in a post on Truth Social."
    assert has_answer_type("place", sentence, "Where did Trump post that Putin may be tapping him along?")
    assert not has_answer_type("place", sentence, "Where did Trump meet Putin?")  # a platform is no meeting place


def test_people_named_by_role_are_found_by_the_names_the_texts_give_that_role() -> None:
    mentions = analyse("How many times had Trump's envoy met the Russian president?").role_mentions
    assert [(m.role, m.qualifiers) for m in mentions] == [("envoy", ("trump",)), ("president", ("russ",))]
    assert analyse("What did the president say?").role_mentions == ()  # no one in particular
    texts = [
        "Steve Witkoff, President Donald Trump’s international envoy, is set to meet officials in Paris.",
        "Trump also met with Russian President Vladimir Putin on Friday.",
    ]
    assert role_holders(texts, "envoy", ("trump",)) == {"steve", "witkoff"}  # not Donald: he qualifies the role
    assert role_holders(texts, "president", ("russ",)) == {"vladimir", "putin"}
    assert role_holders(texts, "president", ("ukrain",)) == frozenset()
    # a long appositive, qualified after the role: the Michigan professor is Javed Ali
    ali = (
        "“The war goes on,” said Javed Ali, a former counterterrorism official in federal government and associate "
        "professor of practice at the University of Michigan. President Donald Trump said Russia must stop."
    )
    assert role_holders([ali], "professor", (stem("michigan"),)) == {stem("javed"), "ali"}
    assert role_holders([ali], "president", ("russ",)) == frozenset()  # what follows a title is no qualifier of it


def test_where_the_nth_one_was_needs_a_sentence_about_that_one() -> None:
    question = "Where did Witkoff's second meeting with Putin take place?"
    assert not has_answer_type("place", "Witkoff met with Putin in Moscow on Friday.", question)
    assert has_answer_type("place", "Witkoff met Putin for a second time, in St Petersburg.", question)


def test_an_exact_date_is_a_day_of_a_month() -> None:
    question = "On what exact date was the Paris summit held?"
    assert not has_answer_type("date", "Rubio meets Ukrainian officials in Paris at a summit Thursday.", question)
    assert has_answer_type("date", "The summit in Paris was held on April 17.", question)
    assert has_answer_type("date", "Rubio meets Ukrainian officials in Paris at a summit Thursday.", "When was it?")
    # "on what date" asks for one too: "in March" says only the month
    question = "On what date did the ceasefire expire?"
    assert not has_answer_type("date", "Kyiv agreed to a 30-day ceasefire in March.", question)
    assert has_answer_type("date", "The 30-day ceasefire expired on April 16.", question)


def test_where_a_post_was_written_without_an_auxiliary() -> None:
    sentence = "“Too many people are dying!” Trump wrote in a post on Truth Social."
    assert has_answer_type("place", sentence, "Where Trump write his post about Putin?")
    assert has_answer_type("place", sentence, "Where did Trump write his post about Putin?")


def test_what_place_may_be_a_building_not_a_named_place() -> None:
    assert analyse("What place did the drone hit in Sumy?").qtype == "other"  # "a bakery"
    assert analyse("Which city did the drone hit?").qtype == "place"
    # the role is in the subject, not in what is asked for
    assert analyse("Which city was Vice President JD Vance preparing to hold meetings in?").qtype == "place"
    assert analyse("Which top Russian negotiator spoke?").qtype == "person"


def test_news_epithets_for_an_office_are_read_as_the_office() -> None:
    assert plain_epithets("What did America's top diplomat say?") == "What did the US Secretary of State say?"
    assert plain_epithets("What did the U.S. top diplomat say?") == "What did the US Secretary of State say?"
    # typed without its apostrophe, as in a chat box
    assert plain_epithets("what did americas top diplomat say") == "what did the US Secretary of State say"
    # another country's top diplomat is its foreign minister (whom the articles never name)
    assert plain_epithets("Who is Ukraine's top diplomat?") == "Who is Ukraine's foreign minister?"
    assert plain_epithets("How did the Kremlin leader respond?") == "How did the Russian president respond?"
    assert plain_epithets("What did the Kremlin say?") == "What did the Kremlin say?"
    # whoever speaks for a body is its spokesman
    assert plain_epithets("Who spoke for the Kremlin then?") == "Who was the Kremlin spokesman then?"
    assert plain_epithets("who speaks for the kremlin") == "who is the kremlin spokesman"


def test_a_few_words_name_the_same_thing() -> None:
    assert stem("war") in synonyms(stem("conflict")) and stem("truce") in synonyms(stem("ceasefire"))
    assert stem("conflict") not in synonyms(stem("conflict")) and not synonyms(stem("peace"))
    assert stem("evolve") in synonyms(stem("change")) and stem("change") in synonyms(stem("revised"))
    assert stem("questioned") in synonyms(stem("doubt")) and stem("skepticism") in synonyms(stem("doubts"))
    assert stem("killed") in synonyms(stem("deadly")) and stem("died") in synonyms(stem("deaths"))
    assert stem("agreement") in synonyms(stem("deals")) and stem("deal") in synonyms(stem("accord"))
    # the idiom: carrots are rewards and incentives, sticks punishments and penalties
    assert stem("carrots") in synonyms(stem("rewards")) and stem("incentives") in synonyms(stem("reward"))
    assert stem("sticks") in synonyms(stem("punishments")) and stem("carrots") not in synonyms(stem("punish"))
    # talks that break down or collapse have failed
    assert stem("fail") in synonyms(stem("break")) and stem("failed") in synonyms(stem("collapse"))
    # what worries someone is their concern
    assert stem("concerns") in synonyms(stem("worry")) and stem("fears") in synonyms(stem("worried"))


def test_a_country_can_answer_by_acting_and_parties_by_their_groups() -> None:
    country = "According to Javed Ali, which country carries the big stick?"
    assert has_answer_type("place", "The United States carries the big stick,” Ali said.", country)
    assert not has_answer_type("place", "It carries the big stick,” Ali said.", country)
    took_part = "Who took part in the negotiations in Paris?"
    groups = "Rubio spoke after negotiations involving US, Ukrainian, and European officials."
    assert has_answer_type("person", groups, took_part)
    assert not has_answer_type("person", groups, "Who leads the negotiations in Paris?")


def test_words_the_question_quotes() -> None:
    question = 'Which official said, "This is not our war. We have other priorities," in Paris?'
    assert quotes_question("“This is not our war.", question)
    assert not quotes_question("“This is not the end of our efforts.", question)
    assert not quotes_question("“This is not our war.", "Which official said the war is not theirs?")


@pytest.mark.parametrize(
    ("query", "question", "qtype"),
    [
        ("name of ukraine's foreign minister", "what is the name of ukraine's foreign minister", "person"),
        ("kremlin spokesperson name", "what is the name of the kremlin spokesperson", "person"),
        ("names of the regions Russia occupies", "what are the names of the regions Russia occupies", "other"),
        ("sumy bakery drone strike casualties", "what is the death toll of the sumy bakery drone strike", "number"),
        ("death toll of the Kyiv barrage", "what is the death toll of the Kyiv barrage", "number"),
        ("criticism of trump's approach", "what criticism of trump's approach", "other"),
    ],
)
def test_a_search_box_query_is_read_as_the_question_it_stands_for(query: str, question: str, qtype: str) -> None:
    assert as_question(query) == question
    info = analyse(query)
    assert info.qtype == qtype and info.text == question
    assert analyse("criticism of trump's approach").asks_judgement


@pytest.mark.parametrize(
    ("request_", "question", "qtype"),
    [
        ("Tell me how long the Paris summit lasted.", "How long the Paris summit lasted?", "number"),
        ("Please tell me where Witkoff met Putin", "Where Witkoff met Putin?", "place"),
        ("Can you tell me who Javed Ali is?", "Who is Javed Ali?", "describe"),
        ("I'd like to know when the talks began.", "When the talks began?", "date"),
        ("Explain why Kyiv agreed to the ceasefire.", "Why Kyiv agreed to the ceasefire?", "reason"),
        ("Summarise what Rubio said in Paris.", "What did Rubio say in Paris?", "other"),
        ("I need the name of the Kremlin spokesman", "What is the name of the Kremlin spokesman?", "person"),
        ("Give me the number of points in the plan.", "What is the number of points in the plan?", "number"),
        ("Give me the exact date of the London talks", "What is the exact date of the London talks?", "date"),
        ("Give me the length of the ceasefire Kyiv accepted.", "How long is the ceasefire Kyiv accepted?", "number"),
    ],
)
def test_a_request_is_read_as_the_question_it_makes(request_: str, question: str, qtype: str) -> None:
    assert as_asked(request_) == question
    assert analyse(question).qtype == qtype
    assert analyse(as_asked("Summarise what Rubio said in Paris.")).speaker == ("rubio",)


@pytest.mark.parametrize(
    "text", ["How long did the summit last?", "Tell me about the minerals deal", "Give me an update on the talks."]
)
def test_what_is_no_request_for_a_question_stays_as_it_is(text: str) -> None:
    assert as_asked(text) == text


@pytest.mark.parametrize(
    "question",
    [
        "What is the name of the Kremlin spokesperson?",
        "Name the officials who met in Paris.",
        "Apart from the name, what did he say?",
        "geneva talks progress?",  # no known form: searched as it is
        "Is the toll known?",
    ],
)
def test_questions_and_queries_of_no_known_form_stay_as_they_are(question: str) -> None:
    assert as_question(question) == question


def test_modal_verbs_are_no_topic() -> None:
    # "might" would match "the framework might serve as ..." as well as any word of the question
    assert analyse("Why might the US stop mediating?").terms == [stem(w) for w in ("US", "stop", "mediating")]
    assert analyse("What must Ukraine give up, and what may it keep?").terms == [
        stem(w) for w in ("Ukraine", "give", "keep")
    ]


@pytest.mark.parametrize(
    ("question", "qtype"),
    [
        ("Rubio warned the US might walk away. On which TV programme did he say that?", "media"),
        ("Peskov said the ceasefire lapsed. On what date did it lapse?", "date"),
        ("The ministers flew to Paris for the summit - what are their names?", "person"),
        ("Putin keeps making demands. What is he asking for?", "other"),
        ("Vance hinted at positive developments - what exactly were they?", "other"),
    ],
)
def test_what_a_reader_says_before_asking_does_not_hide_the_question(question: str, qtype: str) -> None:
    assert analyse(question).qtype == qtype


def test_words_that_only_sharpen_a_question_name_nothing_it_asks_for() -> None:
    assert analyse("Vance hinted at positive developments - what exactly were they?").focus == []
    assert analyse("What exactly did the envoy discuss?").focus == []
    assert analyse("Which cities exactly were attacked?").focus == [stem("cities")]


def test_a_withheld_thing_is_recognised_by_any_word_the_question_asks_with() -> None:
    sentence = "Vance struck an optimistic tone, hinting at positive developments he would not publicly detail."
    assert withholds(sentence, [stem(w) for w in ("positive", "developments", "hinted")])
    assert not withholds(sentence, [stem("tone")])
    # the one who declines is no thing withheld
    assert not withholds("Rubio refrained from divulging details, calling it progress.", [stem("progress")])


def test_a_two_part_question_is_split_into_its_questions() -> None:
    assert compound_parts("Where did Witkoff meet Putin, and how many times had he met him?") == (
        "Where did Witkoff meet Putin?",
        "How many times had he met him?",
    )
    assert compound_parts("Who is Andriy Yermak and how did he describe the talks?") == (
        "Who is Andriy Yermak?",
        "How did he describe the talks?",
    )
    # the second may open with a preposition
    assert compound_parts("What did Trump claim in his campaign, and by which holiday was a truce hoped for?") == (
        "What did Trump claim in his campaign?",
        "By which holiday was a truce hoped for?",
    )
    assert compound_parts("Who is Javed Ali?") is None
    assert compound_parts("Which cities did Rubio and Witkoff visit?") is None  # "and" joins names, not questions
    assert compound_parts("Who met Putin and in what mood did he leave?") == (
        "Who met Putin?",
        "In what mood did he leave?",
    )
    assert compound_parts("Did Rubio and Witkoff travel to Paris and to London?") is None  # no question after "and"
    # a second part without a verb of its own asks more of the first question
    assert compound_parts("How many died in the missile strike, and in which city?") is None
    assert compound_parts("Where did Witkoff meet Putin, and on what day, before the deal was near?") is None
    assert compound_parts("Who and why?") is None  # too short to be two questions


def test_how_long_far_often_ask_for_an_amount_not_about_the_word() -> None:
    assert "long" not in analyse("How long has Russia's war in Ukraine gone on?").terms
    assert "far" not in analyse("How far is Geneva from Paris?").terms
    assert "long" in analyse("Why is the minerals deal described as long-stalled?").terms  # a word of its own


def test_the_number_of_something_asks_for_a_count_of_it() -> None:
    total = analyse("What is the total number of Ukrainian soldiers killed since the 2022 invasion?")
    assert total.qtype == "number" and total.focus == [stem("Ukrainian"), stem("soldiers")]
    assert analyse("What was the number of people killed in Sumy?").focus == [stem("people")]


def test_a_size_or_a_cap_is_a_number_and_a_stretch_of_days_is_no_size() -> None:
    assert analyse("What cap on the size of Ukraine's army does the plan propose?").qtype == "number"
    assert analyse("What ceiling on the size of Ukraine's armed forces does the plan propose?").qtype == "number"
    days = "In the 22 days after the truce, the Russian army killed nearly 2.5 times more Ukrainians."
    assert not has_answer_type("number", days, "How large would Ukraine's army be allowed to be under the plan?")
    counted = "How many days after the truce did the Center report?"
    assert has_answer_type("number", days, counted, analyse(counted).focus)  # unless days are what it counts
    assert has_answer_type("number", "The army would be capped at 600,000 troops.", "How large would the army be?")


def test_how_much_with_a_comparative_asks_for_a_multiple() -> None:
    deadlier = analyse("How much deadlier was the Russian army in the 22 days after the truce?")
    assert deadlier.qtype == "number" and deadlier.focus == []  # "deadlier" is no thing counted
    assert analyse("How much more money did Ukraine get?").focus == [stem("money")]
    assert analyse("How much -- is that?").focus == []  # nothing after "how much" but a dash
    multiple = "In the 22 days after the truce, the Russian army killed nearly 2.5 times more Ukrainians."
    assert has_answer_type("number", multiple, deadlier.text, deadlier.focus)
    killed = analyse("How many Ukrainians did the Russian army kill after the truce?")
    assert not has_answer_type("number", multiple, killed.text, killed.focus)  # a ratio counts no one


def test_a_claimed_number_the_articles_lack_asks_for_the_number_they_give() -> None:
    def lacks(number: str) -> Callable[[str], bool]:
        return lambda term: term != number

    heard = checking_a_claim(
        analyse("I heard the attack on Kharkiv injured 89 civilians. Is that the right number?"), lacks("89")
    )
    assert heard.qtype == "number" and heard.focus == [stem("civilians")]
    assert "89" not in heard.names and "89" not in heard.text  # no name the articles must hold
    assert has_answer_type(heard.qtype, "In Kharkiv, an attack injured 98 civilians.", heard.text, heard.focus)
    read = analyse("I read the White House wanted a 60-day ceasefire. How long was the ceasefire really?")
    read = checking_a_claim(read, lacks("60"))
    assert "60-day" not in read.text and "day" not in read.text  # the unit was the claim's
    assert has_answer_type("number", "The White House pressed both sides to agree to a 30-day ceasefire.", read.text)
    # a number the articles give, or no claim checked: the question as it is
    right = analyse("Is it true the plan has 28 points?")
    assert checking_a_claim(right, lacks("89")) == right
    plain = analyse("How many of the 89 civilians were children?")
    assert checking_a_claim(plain, lacks("89")) == plain
    # a claimed place the articles never name: where they place it
    zurich = checking_a_claim(analyse("Is it true Rubio spoke from the US mission in Zurich?"), lacks("zurich"))
    assert zurich.qtype == "place" and "zurich" not in zurich.names and "Zurich" not in zurich.text
    assert has_answer_type("place", "Rubio, speaking from the US mission in Geneva, was optimistic.", zurich.text)


def test_names_only_a_claim_told_before_the_question_holds_are_what_is_checked() -> None:
    def knows(*terms: str) -> Callable[[str], bool]:
        return lambda term: term in terms

    known = knows("nsc", "advis", "us", "russia", "rome", "talk")
    quoted = "A quote card credits 'former NSC adviser Thomas Friedman' with saying a US pullout would help Russia."
    checked = checking_a_claim(analyse(f"{quoted} What is the adviser's real name?"), known)
    assert "friedman" not in checked.names and "thoma" not in checked.names
    pence = checking_a_claim(analyse("Was it Mike Pence who went to Rome? Who was it really?"), known)
    assert "penc" not in pence.names and "rome" in pence.names
    # a name the question itself asks about is still one the articles must hold
    asked = checking_a_claim(analyse("A post says China backed the plan. What did Beijing really say?"), known)
    assert "beij" in asked.names and "china" not in asked.names
    # no claim checked: the question as it is
    plain = analyse("Mike Pence went to Rome. Who went there?")
    assert checking_a_claim(plain, known) == plain
    # a claim asked back ("..., right?", "..., doesn't he?", "Was it X who ...?") is checked by the question after it
    for told in (
        "Mike Pence went to Rome, right? Who went there?",
        "Mike Pence went to Rome, didn't he? Who went there?",
        "Was it Mike Pence who went to Rome? Who went there?",
        "I think Mike Pence went to Rome. Who went there?",
    ):
        assert "penc" not in checking_a_claim(analyse(told), known).names, told
    # unless that question asks for no one, nowhere and no number: "they" are the claim's
    pope = analyse("Vance met the Pope in Rome, right? What did they talk about?")
    assert "pope" in checking_a_claim(pope, knows("vanc", "rome", "talk")).names
    # a claimed place of more than one word: "St. Petersburg", not "St" alone
    spb = checking_a_claim(analyse("Witkoff met Putin in St. Petersburg, right? Or was it some other city?"), known)
    assert spb.qtype == "place" and "Petersburg" not in spb.text and "petersburg" not in spb.names


def test_the_evidence_a_think_tank_offers_is_no_request_for_its_words() -> None:
    assert not analyse("What evidence does the Ukrainian think tank offer that the truce failed?").asks_speech
    assert analyse("what russia think about the plan").asks_speech


def test_the_value_of_something_is_a_sum_of_money() -> None:
    value = analyse("What is the estimated dollar value of the US-Ukraine minerals deal?")
    assert value.qtype == "number"
    assert not has_answer_type("number", "The US and Ukraine signed a memorandum on a minerals deal.", value.text)
    assert has_answer_type("number", "The minerals deal is worth $500 billion.", value.text)


def test_how_long_after_a_lead_in_still_wants_a_duration() -> None:
    sentence = "Rubio spoke in Geneva about ending Russia’s nearly four-year military engagement in Ukraine."
    question = "According to the report on the Geneva talks, how long has Russia's military engagement lasted?"
    assert has_answer_type("number", sentence, question)
    assert not has_answer_type("number", "Rubio met 12 officials in Geneva.", question)


def test_what_was_agreed_is_told_only_by_a_sentence_reporting_an_agreement() -> None:
    met = "Trump also met with Zelenskyy over the weekend and criticized Putin for continuing to launch strikes."
    asked = "What did Trump and Zelenskyy agree on when they met over the weekend?"
    assert reports_no_agreement([met], asked)
    assert not reports_no_agreement([met, "Kyiv swiftly agreed to the US proposal for a ceasefire."], asked)
    assert reports_no_agreement([met], "What was agreed at the London meeting?")
    # "agree" in a clause of its own, or no question of what was agreed
    assert not reports_no_agreement([met], "What does Putin want from Ukraine before he'll agree to end the war?")
    assert not reports_no_agreement([met], "Where did Trump and Zelenskyy meet?")


def test_how_an_event_turned_out_is_not_told_by_a_report_from_before_it() -> None:
    ahead = "Rubio stated that the next meeting — scheduled for London — could determine the future of the talks."
    assert foretells(ahead, "What was decided at the next round of talks in London?")
    assert foretells(
        "Vance, ahead of meetings in Rome, struck an optimistic tone.", "What was the outcome of the Rome meetings?"
    )
    assert not foretells("Talks in Paris produced an outline for peace.", "What came out of the Paris talks?")
    assert not foretells(ahead, "Where is the next meeting scheduled?")  # no outcome asked
    # asked yes or no: "Did the London round produce an agreement?"
    assert foretells(ahead, "Did the London round of talks produce an agreement?")
    assert not foretells(ahead, "Did Rubio say where the next meeting is?")
    assert not foretells(ahead, "What did Rubio say the next meeting could decide?")  # what was said, not the outcome
    # a question that also asks what comes next wants the meeting ahead too
    assert not foretells(ahead, "What came out of the Paris round of talks and where do things go next?")


def test_a_person_named_after_from_is_no_place() -> None:
    sentence = "Russia launched missiles into Kyiv, prompting criticism of Putin from Trump."
    question = "Apart from Kyiv, which Ukrainian cities did Russia attack?"
    people = people_in("President Donald Trump met Rubio.") | people_in("“Too many,” Trump wrote.")
    assert "Trump" in people and "Donald" in people
    assert people_in("It followed warnings from Secretary of State Marco Rubio that ...") == {"Marco", "Rubio"}
    assert has_answer_type("place", sentence, question)  # "from Trump" reads like "from Geneva" ...
    assert not has_answer_type("place", sentence, question, people=people)  # ... unless Trump is a person
    assert has_answer_type("place", "A drone hit a bakery in Sumy.", question, people=people)


def test_a_count_after_a_preposition_is_still_a_count() -> None:
    assert analyse("To how many troops would Ukraine's army be reduced under the plan?").qtype == "number"
    assert analyse("In how many cities did Russia strike?").qtype == "number"
    assert analyse("For how long did the White House push for it?").qtype != "number"  # "while Trump is in office"


def test_what_the_articles_say_is_no_one_s_words() -> None:
    cities = analyse("Which Ukrainian cities do the articles say Russia hit with strikes?")
    assert not cities.asks_speech and cities.qtype == "place"  # any sentence naming a city answers, quoted or not
    assert not analyse("What does the CNN piece say about sanctions?").asks_speech
    region = analyse("Which region does the analysis say could be destabilised if the talks break down?")
    assert region.qtype == "place" and not region.asks_speech  # an analysis is a document
    assert analyse("What did Rubio say about Geneva?").speaker == ("rubio",)


def test_a_hedge_after_a_leading_clause_keeps_the_question_type() -> None:
    assert analyse("Per the Geneva piece, roughly how long has the war lasted?").qtype == "number"
    assert analyse("According to Rubio, exactly why might the US walk away?").qtype == "reason"


def test_a_document_named_by_its_outlet_is_no_name_the_articles_must_hold() -> None:
    info = analyse("What metaphor does the CNN piece use for how Washington treats Kyiv?")
    assert "cnn" not in info.names and {"washington", "kyiv"} <= set(info.names)
    assert "geneva" not in analyse("What does the Geneva article say about Putin?").names
    assert "geneva" in analyse("What happened in Geneva?").names


def test_a_document_named_with_an_ampersand_says_what_the_articles_report() -> None:
    # "the Q&A explainer say" is the explainer reporting, not someone's words the answer must quote
    info = analyse("Which region does the Q&A explainer say would be destabilized if the talks fall apart?")
    assert info.qtype == "place" and not info.asks_speech


def test_a_participle_after_the_role_is_what_the_holder_did_not_part_of_the_role() -> None:
    assert analyse("Who was the Russian negotiator complaining that others meddle?").role_terms == ("russ", "negoti")
    assert analyse("Name of the Zelensky aide quoted in both pieces?").role_terms == ("zelenski", "aid")
    assert analyse("Who is the Secretary of State?").role_terms == ("secretari", "state")


def test_whose_role_a_possessive_names_asks_who_holds_it() -> None:
    info = analyse("Who is Ukraine's foreign minister?")
    assert (info.qtype, info.role, info.asks_holder) == ("person", "minister", True)
    assert analyse("Who is Javed Ali?").qtype == "describe"


def test_a_day_naming_a_kind_of_programme_is_no_name() -> None:
    info = analyse("Which Sunday show was Rubio on when he floated moving on?")
    assert info.qtype == "media" and "sunday" not in info.names
    assert "sunday" in analyse("How many died in the Palm Sunday attack on Sumy?").names


def test_what_is_the_exact_date_asks_for_a_date() -> None:
    assert analyse("What's the exact date of the London round of talks?").qtype == "date"
    assert analyse("What was the date of the strike?").qtype == "date"
    assert analyse("What is the update on the talks?").qtype == "other"


def test_a_question_about_what_is_still_to_come_is_not_answered_by_what_happened() -> None:
    past = "Trump also met with Zelenskyy over the weekend and criticized Putin."
    assert not has_answer_type("date", past, "When is Zelenskyy expected to travel to the US?")
    assert not has_answer_type("date", past, "When will Zelenskyy meet Trump?")
    assert has_answer_type("date", past, "When did Zelenskyy meet Trump?")
    ahead = "The next meeting is scheduled for London next week."
    assert has_answer_type("date", ahead, "When will the next meeting be held?")


def test_a_meeting_is_dated_only_by_a_sentence_naming_both_its_parties() -> None:
    question = "When are Trump and Putin scheduled to meet?"
    envoys = "Rubio and Witkoff, Trump’s envoy, are set to meet Ukrainian officials in Paris on Thursday."
    assert not has_answer_type("date", envoys, question)
    assert has_answer_type("date", "Trump will meet Putin in Alaska in August.", question)
    assert has_answer_type("date", "Witkoff met with Putin in Moscow on Friday.", "When did Witkoff meet Putin?")
    # countries and peoples are no parties: the US meets whoever its officials meet
    cities = "In which cities did the US sit down with Ukrainian officials?"
    assert has_answer_type("place", "Rubio spoke from the US mission in Geneva.", cities)


def test_words_in_single_quotes_are_quoted_but_an_apostrophe_is_no_quote() -> None:
    question = "What did Rubio mean with the 'this is not our war' line?"
    assert quotes_question("“This is not our war.", question)
    assert not quotes_question("This is not our war.", "Was it Moscow's war and not our war' in the end?")


def test_a_party_to_a_meeting_named_in_full_is_found_by_the_name_sentences_repeat() -> None:
    question = "In which city did special envoy Steve Witkoff meet Vladimir Putin on Friday?"
    assert has_answer_type("place", "Witkoff met with Putin in Moscow on Friday.", question)


def test_what_words_are_about_ends_where_the_question_says_when() -> None:
    assert analyse("What did Trump say about Putin after the Kyiv attack?").topic == ("putin",)
    assert analyse("What did Peskov say about the state of the talks?").topic == ("state", "talk")


def test_what_someone_said_asked_without_the_auxiliary_asks_for_their_words() -> None:
    info = analyse("What Macron tell Rubio and Witkoff in the Elysee palace?")
    assert info.asks_speech and info.speaker == ("macron",)
    assert not analyse("What does Rubio think the talks should focus on first?").asks_speech


def test_a_warning_is_explained_by_the_harm_it_foresees() -> None:
    sentence = "Former NSC adviser Thomas Wright noted that withdrawing US support could help Russia."
    assert has_answer_type("reason", sentence, "Why does Thomas Wright warn against withdrawing US support?")
    assert not has_answer_type("reason", sentence, "Why did Thomas Wright leave the NSC?")


def test_how_many_times_a_person_named_in_full_did_something_is_counted_for_that_person() -> None:
    sentence = "After meeting Russian President Vladimir Putin for a third time last week, Witkoff told Fox News."
    assert has_answer_type("number", sentence, "How many times had Steve Witkoff met Vladimir Putin?")
    assert not has_answer_type("number", sentence, "How many times had Marco Rubio met Vladimir Putin?")


def test_an_agreement_reached_is_not_given_by_a_meeting_still_to_come() -> None:
    ahead = "The next meeting — scheduled for London next week — could determine the future of US involvement."
    assert foretells(ahead, "What agreement was reached at the follow-up meeting in London?")
    assert not foretells(ahead, "Where will the follow-up meeting be held?")


def test_why_someone_argues_against_something_is_the_harm_they_foresee_and_what_elicited_it_is_a_reason() -> None:
    sentence = "Thomas Wright noted that withdrawing US support could help Russia."
    assert has_answer_type(
        "reason", sentence, "Why does Thomas Wright argue that withdrawing support would be a mistake?"
    )
    assert not has_answer_type("reason", sentence, "Why does Thomas Wright argue for more sanctions?")
    elicited = "Trump implied Ukraine had not thanked the US, eliciting corrective remarks from Zelenskyy."
    assert has_answer_type("reason", elicited, "Why did Zelenskyy correct Trump?")


def test_an_overview_is_a_document_reporting_not_someone_speaking() -> None:
    info = analyse("Which US official does the overview describe as pivotal in urging Russia to seek peace?")
    assert info.qtype == "person" and not info.asks_speech


def test_a_vague_count_answers_only_when_the_sentence_says_what_the_question_says_of_them() -> None:
    question = "How many countries belong to the coalition of the willing?"
    many = "Dmitriev claimed that many countries are trying to disrupt talks."
    assert not has_answer_type("number", many, question, ["countri"])
    proposals = "Putin has rejected multiple proposals and made several demands."
    assert has_answer_type("number", proposals, "How many proposals has Putin rejected?", ["propos"])


def test_a_capital_standing_for_another_country_is_no_city_of_the_one_asked_about() -> None:
    question = "Which Ukrainian cities do the articles say Russia hit with strikes?"
    overtures = "Russia has ramped up its strikes on Ukraine in recent weeks, despite Washington’s overtures to Moscow."
    assert not has_answer_type("place", overtures, question)
    assert has_answer_type("place", "A drone strike also targeted a bakery in Sumy.", question)
    assert has_answer_type("place", "Russia launched a barrage of missiles into Kyiv.", question)
    # any city answers a question that names no country the capitals stand for
    assert has_answer_type("place", overtures, "Which cities do the articles mention?")
    assert has_answer_type("place", "The ministers met in Paris.", "Which European cities hosted talks?")


def test_chat_shorthand_is_spelt_out() -> None:
    assert spelt_out("how many ppl were killed in sumy") == "how many people were killed in sumy"
    assert spelt_out("What did the Trump admin say abt the talks?") == (
        "What did the Trump administration say about the talks?"
    )
    assert spelt_out("Did the govt's envoy go?") == "Did the government's envoy go?"  # a possessive stays one
    assert spelt_out("Who is the administrator?") == "Who is the administrator?"  # only whole words
    # names written short are names: "the wh" is the White House
    assert spelt_out("who does the wh say should give ukr guarantees") == (
        "who does the White House say should give Ukraine guarantees"
    )


def test_what_someone_is_doing_is_no_request_for_a_description() -> None:
    assert analyse("What is Putin demanding in exchange for ending the fighting?").qtype == "other"
    assert analyse("What is Russia asking for that is making the negotiations difficult?").qtype == "other"
    assert analyse("Who is Javed Ali?").qtype == "describe"
    assert analyse("What is NATO?").qtype == "describe"
    assert analyse("What is Peskov saying?").asks_speech  # someone's words, as before


def test_name_the_asks_for_what_which_would() -> None:
    cities = analyse("Name the two European cities where Rubio has held talks with his counterparts.")
    assert cities.qtype == "place" and cities.wants_list  # before: a person, and one sentence
    officials = analyse("Name the two US officials who went to Paris.")
    assert officials.qtype == "person" and officials.wants_list
    assert analyse("Name the Kremlin spokesperson.").qtype == "person"
    assert not analyse("Name the Kremlin spokesperson.").wants_list
    assert analyse("Name the date Trump set for a deal.").qtype == "date"


def test_a_platform_question_is_answered_by_the_name_a_post_was_on() -> None:
    question = "Which social media platform did Trump use to criticize Putin?"
    assert analyse(question).qtype == "media"
    assert has_answer_type("media", "“Too many people are dying!” Trump wrote in a post on Truth Social.", question)
    # a country, a weekday or a people after "on" is no platform
    assert not has_answer_type("media", "Trump criticized Putin for launching strikes on Ukraine.", question)
    assert not has_answer_type("media", "Witkoff met with Putin in Moscow on Friday.", question)
    assert not has_answer_type("media", "Russia continued its assault on Ukrainian cities.", question)


def test_the_choices_a_question_ends_on() -> None:
    assert analyse("Was it their first, second or third meeting?").choices == ()  # the choice is not at the end
    assert analyse("Was Witkoff's sit-down with Putin their first, second or third?").choices == (
        "first",
        "second",
        "third",
    )
    assert analyse("Did Trump meet Putin or Zelenskyy?").choices == ("putin", "zelenskyy")
    assert analyse("Is the peace plan fixed, or can it still change?").choices == ()


def test_names_offered_as_alternatives_are_grouped_by_alternative() -> None:
    assert analyse("Did Witkoff meet Putin in Moscow or in St Petersburg last week?").alternatives == (
        ("moscow",),
        (stem("st"), stem("petersburg")),
    )
    assert analyse("Was it Kyiv, Sumy or Kharkiv that was hit?").alternatives == (
        ("kyiv",),
        (stem("sumy"),),
        ("kharkiv",),
    )
    assert analyse("Did he say it on Fox News or on CNN?").alternatives == (("fox", "news"), ("cnn",))
    assert analyse("Does the plan have 28 or 30 points?").alternatives == (("28",), ("30",))
    # one name is no choice between names
    assert analyse("Did Rubio speak in Paris or not?").alternatives == ()
    assert analyse("Is the peace plan fixed, or can Russia still change it?").alternatives == ()


def test_a_number_question_must_find_what_the_counted_thing_belongs_to() -> None:
    assert analyse("How many points does Ukraine's counterproposal to the US plan contain?").subjects == (
        stem("counterproposal"),
    )
    # the index splits a hyphenated word: "Russia's full-scale invasion" is no subject to look up whole
    assert analyse("How many people died since Russia's full-scale invasion?").subjects == ()


def test_whose_demands_a_question_asks_for() -> None:
    assert analyse("What is Putin asking for in exchange for ending the war?").demands_of == "putin"
    assert analyse("What conditions has Putin been demanding?").demands_of == "putin"
    assert analyse("What does Moscow want before agreeing to a truce?").demands_of == "moscow"
    assert analyse("What are the conditions President Putin has set?").demands_of == "putin"  # not his title
    # a chat opening asks nothing: "ok what does Russia want", "so who's the Kremlin spokesman"
    assert analyse("ok what does Russia actually want in exchange?").demands_of == "russ"
    info = analyse("ok so who's the kremlin spokesman claiming talks go on?")
    assert (info.role, info.asks_holder, info.role_terms) == ("spokesman", True, ("kremlin", "spokesman"))
    assert analyse("basically why is Putin stalling?").qtype == "reason"
    # "he" after what the reader says first is whoever it names; a list of conditions asks for demands
    told = "My grandson says Mr. Putin has made demands. Could you tell me what it is he is asking for?"
    assert analyse(as_asked(told)).demands_of == "putin"
    assert analyse("List every condition Russia has attached to ending the war.").demands_of == "russ"
    assert analyse("So far, how many people died?").qtype == "number"
    assert analyse("What has Ukraine asked for in return for staying out of NATO?").demands_of == "ukrain"
    # asked a question, Rubio demanded nothing; a question with no name asks for no one's demands
    assert analyse("What did Rubio say when asked about the deadline?").demands_of == ""
    assert analyse("What do the negotiators want?").demands_of == ""
    assert analyse("Where did Putin meet Witkoff?").demands_of == ""


def test_a_side_is_named_by_its_capital_seat_and_leader_and_its_demands_by_whose_they_are() -> None:
    texts = ["Russian President Vladimir Putin met Witkoff.", "Ukrainian Foreign Minister Andrii Sybiha spoke."]
    assert {"russ", "moscow", "kremlin", "putin"} <= sides_of("russ", texts)
    assert {"russ", "moscow", "kremlin", "putin"} <= sides_of("putin", texts)
    assert "sybiha" not in sides_of("putin", texts) and "witkoff" not in sides_of("russ", texts)
    putin = sides_of("putin", texts)
    assert states_demands("Among Putin’s demands are a guarantee Ukraine can never join NATO.", putin)
    assert states_demands("Moscow has tied its conditions to Ukraine halting mobilization.", putin)
    assert states_demands("Ukraine accepted, while Russia has continued to make far-reaching demands.", putin)
    # the nearest name before the demand is whose it is
    assert not states_demands("Ukraine has sought security guarantees in exchange.", putin)
    assert states_demands("Ukraine has sought security guarantees in exchange.", sides_of("ukrain", texts))
    assert not states_demands("Putin met Witkoff, who set no conditions.", putin)


def test_a_country_typed_in_lower_case_is_a_name() -> None:
    assert capitalise_places("what does china think of the plan?") == "what does China think of the plan?"
    both = "is south korea or the united states in it?"
    assert capitalise_places(both) == "is South Korea or the United States in it?"
    assert analyse(capitalise_places("what does china think of the plan?")).names == ["china"]
    # names that are everyday words, and words that only contain a name, stay as typed
    assert capitalise_places("did us turkey farmers in chadwick or indiana care?") == (
        "did us turkey farmers in chadwick or indiana care?"
    )


def test_a_question_passed_on_is_the_question_without_who_passes_it_on() -> None:
    assert as_asked("Our listener Maria asks: how long was the ceasefire?") == "How long was the ceasefire?"
    assert as_asked("A caller wants to know where Trump posted it.") == "Where Trump posted it?"
    assert as_asked("Folks are asking why Rubio keeps hinting at walking away.") == (
        "Why Rubio keeps hinting at walking away?"
    )
    assert as_asked("A caller from Ohio wants the number: how many died?") == "How many died?"
    told = "Andriy Yermak keeps coming up in the coverage."
    assert as_asked(f"{told} Our listener Priya asks, who exactly is he?") == f"{told} Who exactly is he?"
    # "Maria", "Ohio" are no names the articles must hold; the one asked about still is
    assert analyse(as_asked("Our listener Maria asks what Moscow wants.")).names == ["moscow"]
    # a request for a name alone, after what it names
    assert as_asked("There was an adviser quoted. A listener wants his name.") == (
        "There was an adviser quoted. What is his name?"
    )
    # "whether": the yes/no question it asks, or the claim it checks
    assert as_asked("A listener wonders whether the plan is locked in, or whether it can still change.") == (
        "Is the plan locked in, or it can still change?"
    )
    assert as_asked("A caller asks whether Trump met Putin.") == "Is it the case that Trump met Putin?"
    # someone in the articles who asked something in the past is no question passed on
    assert as_asked("Rubio asked what the deadline was.") == "Rubio asked what the deadline was."


def test_a_pronoun_after_what_the_reader_says_first_asks_who_they_named() -> None:
    info = analyse("Andriy Yermak keeps coming up in the coverage. Who exactly is he?")
    assert info.qtype == "describe" and "yermak" in info.names
    assert analyse("Who exactly is he?").qtype == "person"  # no one named before: a person asked for


def test_a_role_is_read_after_what_the_reader_says_first() -> None:
    info = analyse("Quick one from a caller: who's the Kremlin spokesman who said talks were ongoing?")
    assert info.asks_holder and info.role == "spokesman" and info.role_terms == ("kremlin", "spokesman")


def test_a_headline_style_query_asks_for_its_slot() -> None:
    assert as_question("Witkoff-Putin Friday meeting: city?") == "where was the Witkoff-Putin Friday meeting"
    assert as_question("Former NSC adviser critic of US pullback: who?") == (
        "who is the Former NSC adviser critic of US pullback"
    )
    assert as_question("Zelensky US visit: date set?") == "when was the Zelensky US visit"
    assert as_question("Anchorage summit: how long?") == "how long was the Anchorage summit"
    assert as_question("Rubio remarks: which TV show?") == "on which TV show was the Rubio remarks"
    assert as_question("US walk-away threat: rationale?") == "what is the reason for the US walk-away threat"
    assert analyse("Witkoff-Putin Friday meeting: city?").qtype == "place"
    assert analyse("Zelensky US visit: date set?").qtype == "date"
    assert analyse("Total Ukraine war deaths to date?").qtype == "number"
    # a group's name is no person's, however many words name it
    assert analyse("Paris Western defense group: name?").qtype != "person"
    # a question with its own question word is left alone
    assert as_question("Who met Putin: Witkoff?") == "Who met Putin: Witkoff?"


def test_headline_shorthand_is_spelt_out() -> None:
    assert spelt_out("US-RU talks: main roadblocks?") == "US-Russia talks: main roadblocks?"
    assert spelt_out("Kremlin spox name?") == "Kremlin spokesman name?"
    assert spelt_out("Why Kyiv quickly OK'd 30-day ceasefire in Mar?") == (
        "Why Kyiv quickly agreed to 30-day ceasefire in March?"
    )
    assert spelt_out("28-pt plan: Kyiv/EU concerns?") == "28-point plan: Kyiv/Europe concerns?"
    assert spelt_out("Ex-NSC adviser: who?") == "former NSC adviser: who?"
    assert spelt_out("Is the rumour true?") == "Is the rumour true?"  # no shorthand inside words


def test_a_country_opening_a_query_is_a_name() -> None:
    assert analyse("China position on peace plan?").names[:1] == ["china"]
    assert "ukrain" in analyse("Ukraine's request in return for NATO?").names
    assert analyse("Tell me the plan's points").names == []  # an opening verb is none


def test_a_leading_phrase_without_its_comma_keeps_the_question_type() -> None:
    assert analyse("under the 28 point plan how big can the ukraine army be").qtype == "number"
    assert analyse("According to the article who met Putin?").qtype == "person"


def test_a_duration_counted_in_the_unit_the_question_names_answers_it() -> None:
    ceasefire = "The White House has pressed both sides to agree to a 30-day ceasefire."
    counted = "how long is that ceasefire the white house wants, like how many days"
    assert has_answer_type("number", ceasefire, counted, analyse(counted).focus)
    # a unit the question names without counting it is no answer: "the 22 days" are the question's own
    after = "How long after the 22 days did the Center publish its update?"
    assert not has_answer_type("number", "In the 22 days after the truce, the army killed more.", after)


def test_a_guess_at_the_answer_after_the_question_is_no_part_of_it() -> None:
    assert as_asked("who met rubio and witkoff at the palace in paris was it mack ron") == (
        "who met rubio and witkoff at the palace in paris"
    )
    assert as_asked("which show was rubio on, was it meet the press?") == "which show was rubio on"
    # "was it" that belongs to the question stays
    for question in ("what time was it in Kyiv", "Which city was it?", "what did he say when asked if it was it true"):
        assert as_asked(question) == question
    assert as_asked("How describes Rubio the 28-point proposal, is it final?") == (
        "How describes Rubio the 28-point proposal, is it final?"
    )


def test_a_side_s_demands_asked_as_a_headline_are_what_it_asks_for() -> None:
    assert as_question("Putin key demands?") == "what are the demands of Putin"
    assert analyse("Putin key demands?").demands_of == "putin"
    assert analyse("Moscow's conditions").demands_of == "moscow"


def test_texting_shorthand_is_spelt_out() -> None:
    assert spelt_out("wat does russia want ukraine n the west to do b4 a ceasefire") == (
        "what does russia want ukraine and the west to do before a ceasefire"
    )
    assert spelt_out("whos the top russian negotiator") == "who's the top russian negotiator"
    assert analyse(spelt_out("whos the kremlin spokesperson guy")).asks_holder
    assert spelt_out("wat yr did russia take crimea") == "what year did russia take crimea"
    # a one-letter word is shorthand only standing alone
    assert spelt_out("r u sure the U.S. envoy met George W. Bush?") == "are you sure the U.S. envoy met George W. Bush?"


def test_a_document_named_at_a_sentence_start_or_as_an_account_is_no_name() -> None:
    info = analyse("The FeedWire piece and the CNN report both mention a ceasefire; how long was it?")
    assert "feedwir" not in info.names and "cnn" not in info.names
    assert "cnn" not in analyse("What pushed Kyiv to accept the ceasefire, according to the CNN account?").names


def test_a_question_worded_as_in_german_or_spanish_asks_what_it_means() -> None:
    assert plain_epithets("How is called the speaker from the Kremlin?") == (
        "What is the name of the speaker from the Kremlin?"
    )
    assert analyse(plain_epithets("How is called the speaker from the Kremlin?")).role == "speaker"
    assert "spokesperson" in role_words("speaker")  # whoever speaks for the Kremlin
    # "must" is an auxiliary: "how many days" counts days, not "days must last the ceasefire ..."
    assert analyse("How many days must last the ceasefire which the White House has proposed?").focus == ["day"]
