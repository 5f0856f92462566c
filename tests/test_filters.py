from datetime import date

import pytest

from sahel_atlas.filters import (
    Filters,
    apply_filters,
    describe,
    file_stem,
    fold,
    from_query_params,
    query_string,
    search_index,
    to_query_params,
)

NAMES = {"MLI": "Mali", "FRA": "France", "NER": "Niger"}


@pytest.fixture
def index(fixture_dataset):
    return search_index(fixture_dataset.events, fixture_dataset.actors)


# (filters, event ids kept): one row per behaviour of apply_filters.
CASES = [
    (
        Filters(),
        [
            "2013-01-11-fixture-operation",
            "2013-02-01-fixture-base",
            "2015-11-20-fixture-attack",
            "2020-08-18-fixture-coup",
            "2023-06-30-fixture-agreement",
        ],
    ),
    # a span is kept when it overlaps the range, though it starts before it
    (Filters(start=date(2016, 1, 1), end=date(2021, 12, 31)), ["2013-02-01-fixture-base", "2020-08-18-fixture-coup"]),
    # range boundaries are inclusive, for point events and for span ends
    (
        Filters(start=date(2015, 11, 20), end=date(2015, 11, 20)),
        ["2013-02-01-fixture-base", "2015-11-20-fixture-attack"],
    ),
    (Filters(start=date(2022, 8, 15), end=date(2022, 8, 15)), ["2013-02-01-fixture-base"]),
    (Filters(start=date(2022, 8, 16), end=date(2023, 6, 29)), []),
    (Filters(actors=("JNIM",)), ["2015-11-20-fixture-attack"]),
    # any of several actors; an event with several actors matches on any of them
    (Filters(actors=("MINUSMA", "Malian Armed Forces")), ["2020-08-18-fixture-coup", "2023-06-30-fixture-agreement"]),
    (Filters(categories=("coup", "attack")), ["2015-11-20-fixture-attack", "2020-08-18-fixture-coup"]),
    (Filters(countries=("FRA",)), ["2013-01-11-fixture-operation"]),
    (Filters(countries=("NER",)), []),
    # free text: case- and accent-insensitive, every word must match, actors' aliases count
    (Filters(text="menaka"), ["2015-11-20-fixture-attack"]),
    (Filters(text="MÉNAKA"), ["2015-11-20-fixture-attack"]),
    (Filters(text="FAMa"), ["2020-08-18-fixture-coup"]),
    (
        Filters(text="armee francaise"),
        ["2013-01-11-fixture-operation", "2013-02-01-fixture-base", "2023-06-30-fixture-agreement"],
    ),
    (Filters(text="serval bamako"), ["2013-01-11-fixture-operation"]),
    (Filters(text="serval gao"), []),
    # filters combine with AND
    (Filters(actors=("France",), categories=("base",), start=date(2020, 1, 1)), ["2013-02-01-fixture-base"]),
]


@pytest.mark.parametrize(("filters", "expected"), CASES)
def test_apply_filters(fixture_dataset, index, filters, expected):
    kept = apply_filters(fixture_dataset.events, filters, index)
    assert list(kept["event_id"]) == expected


def test_text_filter_needs_the_index(fixture_dataset):
    with pytest.raises(ValueError, match="search index"):
        apply_filters(fixture_dataset.events, Filters(text="gao"))


def test_fold():
    assert fold("Ménaka ÉTAT Côte d'Ivoire") == "menaka etat cote d'ivoire"


def test_query_params_round_trip():
    filters = Filters(
        start=date(2020, 1, 1),
        end=date(2022, 12, 31),
        actors=("France", "Wagner Group"),
        categories=("base",),
        countries=("MLI", "NER"),
        text="Ménaka",
    )
    params = to_query_params(filters)
    assert params == {
        "from": ["2020-01-01"],
        "to": ["2022-12-31"],
        "actor": ["France", "Wagner Group"],
        "category": ["base"],
        "country": ["MLI", "NER"],
        "q": ["Ménaka"],
    }
    assert from_query_params(params, ["France", "Wagner Group"], NAMES) == (filters, [])


def test_default_filters_make_an_empty_query():
    assert to_query_params(Filters()) == {}
    assert from_query_params({}, [], NAMES) == (Filters(), [])


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        ({"from": ["2020-02-30"]}, Filters(), "not a date"),
        ({"to": ["2031-01-01"]}, Filters(), "outside"),
        ({"from": ["2022-01-01"], "to": ["2021-01-01"]}, Filters(), "ends before it starts"),
        ({"actor": ["France", "Atlantis"]}, Filters(actors=("France",)), "unknown actor 'Atlantis'"),
        ({"category": ["battle"]}, Filters(), "unknown category 'battle'"),
        ({"country": ["XXX", "MLI"]}, Filters(countries=("MLI",)), "unknown country 'XXX'"),
        ({"colour": ["red"]}, Filters(), "unknown setting 'colour'"),
    ],
)
def test_malformed_query_values_are_dropped_with_a_notice(params, expected, notice):
    filters, notices = from_query_params(params, ["France"], NAMES)
    assert filters == expected
    assert len(notices) == 1 and notice in notices[0]


def test_page_keys_are_not_reported_as_unknown():
    assert from_query_params({"region": ["Mali"], "asof": ["2022-02-17"]}, [], NAMES) == (Filters(), [])


def test_describe_and_file_stem():
    filters = Filters(start=date(2020, 1, 1), end=date(2022, 12, 31), actors=("France",), countries=("MLI",))
    assert describe(filters, NAMES) == "All events from 01 Jan 2020 to 31 Dec 2022 involving France in Mali."
    assert file_stem(filters, "0.2.0") == "sahel-events_2020-01-01_2022-12-31_france_mli_v0.2.0"
    assert query_string(filters) == "from=2020-01-01&to=2022-12-31&actor=France&country=MLI"
    both = Filters(categories=("coup", "attack"), actors=("CNSP (Niger)",), text="Niamey coup")
    assert describe(both, NAMES) == (
        "All coup or attempt or attack events from 01 Jan 2013 to 31 Dec 2025 "
        "involving CNSP (Niger) matching “Niamey coup”."
    )
    assert file_stem(both, "1.0.0") == "sahel-events_2013-01-01_2025-12-31_coup_attack_cnsp-niger_q-niamey-coup_v1.0.0"
    assert query_string(Filters()) == ""
