from datetime import date

import pytest

from sahel_atlas.filters import Filters, apply_filters, describe, file_stem, fold, search_index
from sahel_atlas.state import query_string

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


def test_describe_and_file_stem():
    filters = Filters(start=date(2020, 1, 1), end=date(2022, 12, 31), actors=("France",), countries=("MLI",))
    assert describe(filters, NAMES) == "All events from 1 Jan 2020 to 31 Dec 2022 involving France in Mali."
    assert (
        describe(filters, NAMES, "fr")
        == "Tous les événements du 1 janv. 2020 au 31 déc. 2022 impliquant France concernant Mali."
    )
    assert file_stem(filters, "0.2.0") == "sahel-events_2020-01-01_2022-12-31_france_mli_v0.2.0"
    assert query_string(filters) == "from=2020-01-01&to=2022-12-31&actor=France&country=MLI"
    both = Filters(categories=("coup", "attack"), actors=("CNSP (Niger)",), text="Niamey coup")
    assert describe(both, NAMES) == (
        "All coup or attempt or attack events from 1 Jan 2013 to 31 Dec 2025 "
        "involving CNSP (Niger) matching “Niamey coup”."
    )
    assert describe(both, NAMES, "fr") == (
        "Événements de type coup d'état ou tentative ou attaque du 1 janv. 2013 au 31 déc. 2025 "
        "impliquant CNSP (Niger) contenant « Niamey coup »."
    )
    assert file_stem(both, "1.0.0") == "sahel-events_2013-01-01_2025-12-31_coup_attack_cnsp-niger_q-niamey-coup_v1.0.0"
    assert query_string(Filters()) == ""
