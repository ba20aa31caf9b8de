"""How the wording checks read an objective's title: each pattern published scorecards use, both ways
(the good form passes, the bad form is caught). The lexicon decides what is a verb, a noun or an
adjective; the words around it decide the rest."""

from __future__ import annotations

import pytest

from workshop.checks.wording import acronyms, bundled_outcomes, explains, reads_as_task, starts_with_verb, stops_mid_phrase

# --- gerund-led objectives: "we do this by …" ------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Building trust through openness and accountability",
        "Strengthening our members",
        "Growing revenue from new services",
        "Continuously improving service",
        "Re-engineering the claims process",
        "Digitalising patient records",
    ],
)
def test_an_objective_led_by_a_verbs_ing_form_is_an_action(title):
    assert starts_with_verb(title)


@pytest.mark.parametrize("title", ["Outstanding service", "Ongoing improvement", "Morning huddles", "Customer loyalty", "Revenue growth"])
def test_an_ing_word_the_lexicon_knows_only_as_an_adjective_or_a_noun_is_not_a_verb(title):
    assert not starts_with_verb(title)


def test_two_ing_verbs_with_their_own_objects_are_two_outcomes():
    assert bundled_outcomes("Building trust and growing revenue") == ("Building trust", "growing revenue")


# --- verb series and verb pairs over one object ----------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Hire, train, keep and grow our people",
        "Spend to build & maintain the road network",
        "Recruit, develop and retain a skilled workforce",
        "Attract and retain customers",
        "Hiring, training and keeping our people",
    ],
)
def test_verbs_that_share_one_object_are_one_outcome(title):
    assert bundled_outcomes(title) is None


@pytest.mark.parametrize(
    "title, parts",
    [
        ("Grow revenue and cut costs", ("Grow revenue", "cut costs")),
        ("Improve service and grow market share", ("Improve service", "grow market share")),
        ("Hire good people and cut costs", ("Hire good people", "cut costs")),
        ("Spend to build the road network and maintain the bridges", ("Spend to build the road network", "maintain the bridges")),
    ],
)
def test_verbs_each_with_an_object_of_their_own_are_two_outcomes(title, parts):
    assert bundled_outcomes(title) == parts


# --- noun pairs whose second noun is also a verb ---------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Support our nurses and staff through training",
        "Value our nurses and staff as our greatest asset",
        "Recruit and retain nurses and staff",
        "Increase the efficiency and effectiveness of governance and support systems",
    ],
)
def test_a_pair_of_nouns_is_one_outcome_even_when_the_second_could_be_a_verb(title):
    assert bundled_outcomes(title) is None


def test_a_word_that_could_be_a_noun_is_a_verb_when_an_object_follows_it():
    assert bundled_outcomes("Train nurses and staff the new wards") == ("Train nurses", "staff the new wards")


def test_a_verb_that_cannot_be_a_noun_starts_a_second_outcome_even_after_of():
    assert bundled_outcomes("Increase the number of members and reduce waiting times") == ("Increase the number of members", "reduce waiting times")


# --- comparatives ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Faster and cheaper service",
        "Provide a more efficient and effective government",
        "Provide safe and more reliable transit",
        "Deliver better roads and bridges",
        "Increase the number of adults learning to read",
    ],
)
def test_one_comparative_beside_and_is_not_two_outcomes(title):
    assert bundled_outcomes(title) is None


@pytest.mark.parametrize(
    "title, parts",
    [
        ("More customers on fewer planes", ("more customers on", "fewer planes")),
        ("Lowest price and on-time arrival", ("Lowest price", "on-time arrival")),
        ("Lower prices and faster delivery", ("lower prices", "faster delivery")),
    ],
)
def test_two_levels_each_on_its_own_noun_are_two_outcomes(title, parts):
    found = bundled_outcomes(title)
    assert found is not None and found[1] == parts[1]


def test_the_number_of_is_a_noun_not_a_comparative():
    assert bundled_outcomes("Increase the number of members in every county") is None


# --- titles that stop mid-phrase -------------------------------------------------------------


@pytest.mark.parametrize(
    "title, ending",
    [
        ("Reward responsible", "Reward responsible"),
        ("Build a strong", "a strong"),
        ("Improve the quality of", "quality of"),
        ("Grow revenue and", "revenue and"),
        ("Improve access to …", "access to …"),
        ("Improve access to", "access to"),
        ("Diversify KEHPCA's", "Diversify KEHPCA's"),
    ],
)
def test_a_title_that_stops_mid_phrase_is_caught_with_its_ending(title, ending):
    assert stops_mid_phrase(title) == ending


@pytest.mark.parametrize(
    "title",
    [
        "Reward responsible behaviour",
        "Stay competitive",
        "Keep Charlotte safe",
        "Protect the vulnerable",
        "Grow stronger",
        "Be accountable and transparent",
        "Serve the public",
        "Realise our potential",
        "Scale up",
        "Keep the cost per learner below £460",
        "Grow revenue by 25%",
        "Retain volunteers for two years or more",
        "Make palliative care available in every county",
        "Go digital",
        "Do more with less",
        "Follow through",
        "Be the employer people want to work for",
        "Live the values we stand for",
        "Be a bank customers can count on",
    ],
)
def test_a_whole_title_does_not_stop_mid_phrase(title):
    assert stops_mid_phrase(title) is None


# --- abbreviations ---------------------------------------------------------------------------


def test_abbreviations_of_three_capitals_or_more_are_found_and_short_ones_left():
    assert acronyms("Win three new OEM accounts") == ["OEM"]
    assert acronyms("Track KPIs monthly") == ["KPI"]
    assert acronyms("Deliver IT projects on time") == []  # two letters: IT, HR, UK are read as words
    assert acronyms("GROW REVENUE") == []  # a title in capitals is not a row of abbreviations
    assert acronyms("Open Phase III of the hospital") == []  # a Roman numeral


@pytest.mark.parametrize(
    "text, acronym, explained",
    [
        ("Our customers are original equipment manufacturers (OEMs).", "OEM", True),
        ("Our customers are original equipment manufacturers.", "OEM", True),
        ("Kenya Hospices and Palliative Care Association", "KHPCA", True),
        ("KEHPCA", "KEHPCA", True),
        ("We sell to 140 OEMs.", "OEM", False),
        ("Implement a CRM system", "CRM", False),
    ],
)
def test_an_abbreviation_is_explained_by_its_words_or_its_brackets(text, acronym, explained):
    assert explains(text, acronym) is explained


# --- measures that read as tasks --------------------------------------------------------------


@pytest.mark.parametrize("name", ["Obtain the Baldrige award", "Complete the new wing", "Launch the app", "Win the award", "Achieve accreditation"])
def test_a_measure_named_as_a_task_reads_as_one(name):
    assert reads_as_task(name)


@pytest.mark.parametrize(
    "name", ["Market value", "Repeat customers", "Number of customers", "Seat revenue", "Plane lease cost", "Engineer attrition"]
)
def test_a_measure_named_as_a_quantity_does_not(name):
    assert not reads_as_task(name)
