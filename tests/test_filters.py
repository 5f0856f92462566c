from datetime import date

import pytest

from sahel_atlas.filters import (
    Filters,
    apply_filters,
    describe,
    file_stem,
    fold,
    no_match_message,
    search_index,
    suggest,
    versioned,
)
from sahel_atlas.geography import load_geography
from sahel_atlas.i18n import LANGUAGES
from sahel_atlas.loading import load_dataset
from sahel_atlas.state import query_string
from tests.conftest import ROOT

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
    # typographic apostrophes and quotes, as phones type them; an alias of several words is one name
    (Filters(text="coup d’État"), ["2020-08-18-fixture-coup"]),
    (Filters(text="«GSIM»"), ["2015-11-20-fixture-attack"]),
    (Filters(text="forces armées maliennes"), ["2020-08-18-fixture-coup"]),
    # a lone punctuation mark constrains nothing
    (Filters(text="Kati –"), ["2020-08-18-fixture-coup"]),
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


# Each pair types the same thing two ways: curly or modifier apostrophes, Unicode hyphens and dashes,
# guillemets and curly quotes, no-break and thin spaces, soft hyphens, ligatures, case, accents.
@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("N\u2019Djamena", "n'djamena"),
        ("N\u02bcDjamena", "n'djamena"),
        ("coup d\u2018\u00c9tat", "coup d'etat"),
        ("Port\u2010Bou\u00ebt", "port-bouet"),
        ("Port\u2011Bou\u00ebt", "port-bouet"),
        ("Gao\u2013Kidal", "gao-kidal"),
        ("\u00abWagner\u00bb", " wagner "),
        ("\u201cWagner\u201d", " wagner "),
        ("Niamey\u00a0coup", "niamey coup"),
        ("Niamey\u202fcoup", "niamey coup"),
        ("Tillab\u00e9\u00adri", "tillaberi"),
        ("s\u0153ur", "soeur"),
        ("Me\u0301naka", "menaka"),
    ],
)
def test_fold_treats_typographic_variants_as_the_plain_form(typed, plain):
    assert fold(typed) == plain


@pytest.fixture(scope="module")
def real():
    """The shipped dataset and its index, with country names in every language, as the app builds it."""
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    names = [geography.country_names(lang) for lang in LANGUAGES]
    return dataset.events, search_index(dataset.events, dataset.actors, names)


def test_each_event_is_indexed_as_its_whole_text_folded(real):
    """Shared texts are folded once and joined (an optimisation): the result is the event's texts, its actors'
    aliases and its countries' names in every language, joined in one order and folded as one."""
    events, index = real
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    aliases = dict(zip(dataset.actors["actor"], dataset.actors["aliases"], strict=True))
    names = [geography.country_names(lang) for lang in LANGUAGES]
    columns = ("event_id", "title", "title_fr", "description", "actors", "operation", "location", "countries", "notes")
    for _, event in events.sample(60, random_state=1).iterrows():
        texts = [str(event[c]) for c in columns]
        texts.append(" ".join(aliases.get(actor, "") for actor in event["actor_list"]))
        texts.append(" ".join(" ".join(n.get(code, "") for n in names) for code in event["country_list"]))
        assert index.text[event.name] == fold(" ".join(texts))


def found(real, text: str) -> set[str]:
    events, index = real
    return set(apply_filters(events, Filters(text=text), index)["event_id"])


# Two ways to write the same search find the same events (and some).
SAME = [
    ("N\u2019Djamena", "N'Djamena"),  # typographic apostrophe
    ("coup d\u2019\u00e9tat", "coup d'\u00e9tat"),
    ("Port\u2010Bou\u00ebt", "Port-Bou\u00ebt"),  # U+2010 hyphen
    ("Port Bou\u00ebt", "Port-Bou\u00ebt"),
    ("Tombouctou", "Timbuktu"),  # French and English place names
    ("Lac Tchad", "Lake Chad"),
    ("GSIM", "JNIM"),  # aliases of one actor
    ("Groupe Wagner", "Wagner Group"),
    ("Casques bleus", "MINUSMA"),
    ("Ouaga", "Ouagadougou"),
    ("NIAMEY", "Niamey"),
    ("\u00abWagner\u00bb", "Wagner"),
    ("M\u00e9naka", "Menaka"),
    ("Niamey\u00a0coup", "Niamey coup"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_two_spellings_find_the_same_events(real, one, other):
    assert found(real, one) == found(real, other) != set()


def test_search_finds_countries_by_either_name_and_code_and_operations_by_name(real):
    events, index = real
    for code, names in (("TCD", ("Chad", "Tchad", "TCD")), ("CIV", ("Côte d’Ivoire", "Ivory Coast", "CIV"))):
        in_country = set(apply_filters(events, Filters(countries=(code,)), index)["event_id"])
        for name in names:
            assert in_country <= found(real, name), name
    in_range = apply_filters(events, Filters(), index)
    for operation in ("Barkhane", "Takuba", "EUTM Mali"):
        assert set(in_range[in_range["operation"] == operation]["event_id"]) <= found(real, operation)


@pytest.mark.parametrize(
    ("typed", "first"),
    [("Barkane", "Barkhane"), ("Tombouktou", "Tombouctou"), ("Wagnr", "Wagner"), ("Barkane Gao", "Barkhane")],
)
def test_suggest_the_nearest_names_when_nothing_matches(real, typed, first):
    _, index = real
    assert found(real, typed) == set()
    assert suggest(typed, index)[0] == first


def test_no_suggestion_when_the_search_finds_events_or_nothing_is_close(real):
    _, index = real
    assert suggest("Barkhane", index) == [] and no_match_message("Barkhane", index, "en") == ""
    assert suggest("xqzvj", index) == []
    assert no_match_message("xqzvj", index, "en") == "No event matches “xqzvj”."
    assert no_match_message("Barkane", index, "en") == "No event matches “Barkane”. Did you mean: Barkhane?"
    assert no_match_message("Barkane", index, "fr") == (
        "Aucun événement ne correspond à «\u00a0Barkane\u00a0». Vouliez-vous dire\u00a0: Barkhane\u202f?"
    )


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
        "impliquant CNSP (Niger) contenant «\u00a0Niamey coup\u00a0»."
    )
    assert file_stem(both, "1.0.0") == "sahel-events_2013-01-01_2025-12-31_coup_attack_cnsp-niger_q-niamey-coup_v1.0.0"
    assert query_string(Filters()) == ""


def test_a_hostile_version_cannot_reach_a_file_name():
    stem = file_stem(Filters(), "0.3.0/../../[x](http://evil.invalid)")
    assert "/" not in stem and "(" not in stem and "[" not in stem and ":" not in stem
    assert stem.endswith("_v0.3.0-..-..-x-http-evil.invalid-")


def test_the_as_of_snapshot_name_carries_a_safe_version_too():
    assert versioned("sahel-as-of_2022-02-17", "0.3.0") == "sahel-as-of_2022-02-17_v0.3.0"
    name = versioned("sahel-as-of_2022-02-17", '../x"<script>.csv')
    assert not set(name) & set('/"<>:\\')
