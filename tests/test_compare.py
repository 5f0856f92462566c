import io
from datetime import date

import pandas as pd
import pytest

from sahel_atlas.compare import CHANGE_COLUMNS, change_sentences, changes_between, regimes_in
from sahel_atlas.export import csv_bytes
from sahel_atlas.filters import Filters, apply_filters
from sahel_atlas.geography import load_geography
from sahel_atlas.loading import load_dataset
from tests.conftest import ROOT

FIRST, SECOND = date(2021, 6, 1), date(2022, 12, 31)


@pytest.fixture(scope="module")
def mali():
    """The record's events in Mali, its regimes and country names: the issue's example."""
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    events = apply_filters(dataset.events, Filters(countries=("MLI",)), None)
    return events, regimes_in(dataset.regimes, events, ("MLI",)), geography, dataset.actors


def change(changes, kind, subject):
    [row] = changes[(changes["change"] == kind) & (changes["subject"] == subject)].to_dict("records")
    return row


def test_mali_from_june_2021_to_the_end_of_2022(mali):
    """France left Kidal and Tessalit, its bases at Timbuktu, Gossi, Ménaka and Gao passed to Wagner, Takuba ended
    and Goïta was sworn in: each on its day, with the record's event and sources."""
    events, regimes, _, _ = mali
    changes = changes_between(events, regimes, FIRST, SECOND)
    assert list(changes.columns) == list(CHANGE_COLUMNS)
    assert list(changes["date"]) == sorted(changes["date"])
    gossi = change(changes, "base changed holder", "Gossi")
    assert (gossi["date"], gossi["before"], gossi["after"]) == ("2022-04-19", "France", "Wagner Group")
    assert gossi["event_id"] == "2022-04-19-wagner-gossi-former-french-base" and gossi["sources"].startswith("http")
    assert change(changes, "base changed holder", "Gao")["date"] == "2022-08-15"
    assert change(changes, "base left", "Kidal")["before"] == "France"
    assert change(changes, "operation ended", "Takuba Task Force")["date"] == "2022-06-30"
    regime = change(changes, "regime changed", "MLI")
    assert regime["date"] == "2021-06-07" and "Assimi Goïta" in regime["after"]
    points = changes[changes["change"] == "event"]
    between = events[events["end_date"].isna() & events["start_date"].between("2021-06-02", "2022-12-31")]
    assert set(points["event_id"]) == set(between["event_id"]) and len(points) > 50
    # the same comparison whichever date comes first
    assert changes_between(events, regimes, SECOND, FIRST).equals(changes)


def test_nothing_changes_between_a_date_and_itself(mali):
    events, regimes, _, _ = mali
    assert changes_between(events, regimes, FIRST, FIRST).empty


def test_changes_read_as_plain_sentences_in_both_languages(mali):
    events, regimes, geography, actors = mali
    changes = changes_between(events, regimes, FIRST, SECOND)
    english = change_sentences(changes, "en", geography.country_names("en"), {}, {})
    assert "Gossi base: France → Wagner Group, 19 Apr 2022" in english
    assert "Kidal base: France left, 12 Oct 2021" in english
    assert "Wagner Group presence in Mali: began, Dec 2021" in english  # its start is known to the month
    assert any(s.startswith("Mali: Junta (Col. Assimi Goïta) → Military-led transition") for s in english)
    assert english[-1].startswith(f"{(changes['change'] == 'event').sum()} events between the two dates (Attack: ")
    names = {a: f or a for a, f in zip(actors["actor"], actors["name_fr"], strict=True)}
    titles = {
        e: t
        for e, t in zip(
            events["event_id"], events["title_fr"].where(events["title_fr"] != "", events["title"]), strict=True
        )
    }
    french = change_sentences(changes, "fr", geography.country_names("fr"), names, titles)
    assert f"Base de Gossi\u00a0: France → {names['Wagner Group']}, 19 avr. 2022" in french
    assert any(
        s.startswith("Mali\u00a0: Junte (Col. Assimi Goïta) → Transition dirigée par des militaires") for s in french
    )


def test_the_changes_download_as_csv_with_their_sources(mali):
    events, regimes, _, _ = mali
    changes = changes_between(events, regimes, FIRST, SECOND)
    table = pd.read_csv(io.BytesIO(csv_bytes(changes)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(table.columns) == list(CHANGE_COLUMNS) and len(table) == len(changes)
    assert (table["sources"] != "").all()


def test_a_hostile_title_stays_plain_text_in_the_changes(mali):
    events, regimes, geography, _ = mali
    events = events.copy()
    base = events["event_id"] == "2022-04-19-wagner-gossi-former-french-base"
    events.loc[base, "location"] = "<b>Gossi</b> `${alert(1)}`"
    changes = changes_between(events, regimes, FIRST, SECOND)
    sentences = change_sentences(changes, "en", geography.country_names("en"), {}, {})
    assert "<b>Gossi</b> `${alert(1)}` base: France → Wagner Group, 19 Apr 2022" in sentences


def test_every_regime_between_the_dates_is_a_change_so_a_coup_in_between_shows(mali):
    """Niger from 2013 to 2025: the 2023 coup is listed, not only the period in force at the end."""
    events, _, geography, _ = mali
    dataset_regimes = load_dataset(ROOT / "data", set(geography.country_names())).regimes
    changes = changes_between(events, dataset_regimes[dataset_regimes["country"] == "NER"], FIRST, date(2025, 12, 31))
    regimes = changes[changes["change"] == "regime changed"]
    assert "2023-07-26" in set(regimes["date"]) and regimes["after"].str.startswith("junta").any()


def test_regime_changes_follow_the_selection(mali):
    events, _, geography, _ = mali
    regimes = load_dataset(ROOT / "data", set(geography.country_names())).regimes
    assert set(regimes_in(regimes, events, ("MLI",))["country"]) == {"MLI"}
    assert regimes_in(regimes, events.iloc[0:0]).empty  # an empty selection: no government either
    named = {code for codes in events["country_list"] for code in codes}  # no country filter: those the events name
    assert set(regimes_in(regimes, events)["country"]) == named & set(regimes["country"])
