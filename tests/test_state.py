from datetime import date

import pytest

from sahel_atlas.filters import Filters
from sahel_atlas.state import (
    LABEL_LIMIT,
    View,
    actor_label,
    as_of_in,
    compared_in,
    from_query_params,
    operation_choices,
    picked_actors,
    playback_step,
    query_string,
    to_query_params,
)

NAMES = {"MLI": "Mali", "FRA": "France", "NER": "Niger"}
EVENTS = {"2022-02-17-announcement"}


def parse(params, browser="en"):
    return from_query_params(params, ["France", "Wagner Group"], NAMES, EVENTS, browser, (), ("regimes", "France"))


def test_round_trip_of_every_setting():
    filters = Filters(
        start=date(2020, 1, 1),
        end=date(2022, 12, 31),
        actors=("France", "Wagner Group"),
        categories=("base",),
        countries=("MLI", "NER"),
        text="Ménaka",
    )
    view = View(
        lang="fr",
        region="Mali",
        as_of=date(2022, 2, 17),
        window=6,
        event="2022-02-17-announcement",
        compare=date(2021, 6, 1),
        embed=True,
        period=(date(2019, 1, 1), date(2022, 12, 31)),
        groups=("France", "regimes"),
    )
    params = to_query_params(filters, view)
    assert params == {
        "from": ["2020-01-01"],
        "to": ["2022-12-31"],
        "actor": ["France", "Wagner Group"],
        "category": ["base"],
        "country": ["MLI", "NER"],
        "q": ["Ménaka"],
        "lang": ["fr"],
        "region": ["Mali"],
        "asof": ["2022-02-17"],
        "window": ["6"],
        "event": ["2022-02-17-announcement"],
        "compare": ["2021-06-01"],
        "embedded": ["true"],
        "period": ["2019-01-01/2022-12-31"],  # an ISO 8601 interval
        "open": ["France", "regimes"],
    }
    assert parse(params) == (filters, view, [])
    assert query_string(filters, view).startswith("from=2020-01-01&to=2022-12-31&actor=France&actor=Wagner+Group")


def test_default_view_makes_an_empty_query():
    assert to_query_params(Filters(), View()) == {}
    assert query_string(Filters()) == ""
    assert parse({}) == (Filters(), View(), [])


def test_browser_language_is_the_default_and_the_link_wins():
    assert parse({}, browser="fr")[1].lang == "fr"
    assert parse({"lang": ["en"]}, browser="fr")[1].lang == "en"


@pytest.mark.parametrize(
    ("params", "expected_filters", "expected_view", "notice"),
    [
        ({"from": ["2020-02-30"]}, Filters(), View(), "not a date"),
        ({"to": ["2031-01-01"]}, Filters(), View(), "outside"),
        ({"from": ["2022-01-01"], "to": ["2021-01-01"]}, Filters(), View(), "ends before it starts"),
        ({"actor": ["France", "Atlantis"]}, Filters(actors=("France",)), View(), "unknown actor 'Atlantis'"),
        ({"category": ["battle"]}, Filters(), View(), "unknown category 'battle'"),
        ({"country": ["XXX", "MLI"]}, Filters(countries=("MLI",)), View(), "unknown country 'XXX'"),
        ({"region": ["Atlantis"]}, Filters(), View(), "unknown region 'Atlantis'"),
        ({"window": ["5"]}, Filters(), View(), "unknown window '5'"),
        ({"lang": ["de"]}, Filters(), View(), "unknown language 'de'"),
        ({"event": ["no-such-event"]}, Filters(), View(), "unknown event 'no-such-event'"),
        ({"asof": ["yesterday"]}, Filters(), View(), "not a date"),
        ({"colour": ["red"]}, Filters(), View(), "unknown setting 'colour'"),
        ({"period": ["2022-01-01/2019-01-01"]}, Filters(), View(), "unknown timeline period '2022-01-01/2019-01-01'"),
        ({"period": ["2019-01-01"]}, Filters(), View(), "unknown timeline period"),
        ({"period": ["1950-01-01/2019-01-01"]}, Filters(), View(), "unknown timeline period"),
        ({"period": ["2009-06-01/2009-12-31"]}, Filters(), View(), "unknown timeline period"),  # before the slider
        ({"period": ["2026-06-01/2026-12-31"]}, Filters(), View(), "unknown timeline period"),  # after it
        ({"period": ["2019-01-01/2019-13-01"]}, Filters(), View(), "unknown timeline period"),
        ({"period": ["a/b/c"]}, Filters(), View(), "unknown timeline period"),
        ({"open": ["Atlantis", "France"]}, Filters(), View(groups=("France",)), "unknown timeline group 'Atlantis'"),
    ],
)
def test_malformed_values_are_dropped_with_a_notice(params, expected_filters, expected_view, notice):
    filters, view, notices = parse(params)
    assert (filters, view) == (expected_filters, expected_view)
    assert len(notices) == 1 and notice in notices[0]


def test_notices_speak_the_links_language():
    _, _, notices = parse({"lang": ["fr"], "category": ["bataille"]})
    assert notices == ["Valeur inconnue ignorée (catégorie)\u00a0: 'bataille'."]


def test_as_of_stays_inside_the_date_range():
    filters = Filters(start=date(2020, 1, 1), end=date(2021, 12, 31))
    assert as_of_in(View(), filters) == date(2021, 12, 31)
    assert as_of_in(View(as_of=date(2019, 5, 1)), filters) == date(2020, 1, 1)
    assert as_of_in(View(as_of=date(2021, 3, 4)), filters) == date(2021, 3, 4)


def test_playback_steps_a_month_and_stops_after_the_range():
    filters = Filters(start=date(2022, 1, 31), end=date(2022, 4, 15))
    assert playback_step(View(as_of=date(2022, 1, 31)), filters) == date(2022, 2, 28)
    assert playback_step(View(as_of=date(2022, 3, 15)), filters) == date(2022, 4, 15)
    assert playback_step(View(as_of=date(2022, 4, 15)), filters) is None
    assert playback_step(View(), filters) is None  # as-of defaults to the end of the range


@pytest.mark.parametrize(
    ("actor", "aliases", "label"),
    [
        ("Malian Armed Forces", ["FAMa", "Forces armées maliennes", "Malian army"], "Malian Armed Forces · FAMa"),
        (
            "JNIM",
            ["Jama'at Nusrat al-Islam wal-Muslimin", "GSIM", "Groupe de soutien"],
            "JNIM · GSIM · Groupe de soutien",
        ),
        ("Wagner Group", ["Wagner", "PMC Wagner"], "Wagner Group · PMC Wagner"),  # no alias inside the name
        ("Government of Sierra Leone", [""], "Government of Sierra Leone"),
        (
            "High Military Command for the Restoration of Order",
            ["HMC"],
            "High Military Command for the Restoration of Order",
        ),
    ],
)
def test_actor_labels_are_short(actor, aliases, label):
    assert actor_label(actor, aliases) == label
    assert len(label) <= LABEL_LIMIT or label == actor


def test_operations_stand_for_their_lead_actor():
    operations = [
        ("Barkhane", "France"),
        ("MINUSMA", "MINUSMA"),
        ("Mirador", "Beninese Armed Forces"),
        ("X", "Atlantis"),
    ]
    leads = operation_choices(operations, {"France", "MINUSMA", "Beninese Armed Forces"})
    assert leads == {"operation:Barkhane": "France", "operation:Mirador": "Beninese Armed Forces"}
    assert picked_actors(["Wagner Group", "operation:Barkhane"], leads, "") == (("Wagner Group", "France"), "Barkhane")
    assert picked_actors(["France", "operation:Barkhane"], leads, "Gao") == (("France",), "Barkhane")
    assert picked_actors(["France"], leads, "Gao") == (("France",), "Gao")


def test_the_compare_page_first_date_defaults_to_a_year_before_and_stays_in_range():
    assert compared_in(View(as_of=date(2022, 12, 31)), Filters()) == date(2021, 12, 31)
    assert compared_in(View(as_of=date(2024, 2, 29)), Filters()) == date(2023, 2, 28)  # no 29 Feb in 2023
    assert compared_in(View(compare=date(2021, 6, 1)), Filters()) == date(2021, 6, 1)
    narrow = Filters(start=date(2022, 6, 1), end=date(2022, 12, 31))
    assert compared_in(View(), narrow) == date(2022, 6, 1)  # a year before the end, kept in the range
