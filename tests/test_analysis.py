from datetime import date

import pandas as pd
import pytest

from sahel_atlas.analysis import (
    actors_figure,
    coups_figure,
    coups_per_year,
    eras_figure,
    events_by_actor,
    fatalities_figure,
    fatalities_per_year,
    regime_eras,
    troops_figure,
    troops_per_year,
)
from sahel_atlas.geography import load_geography
from sahel_atlas.i18n import format_number
from sahel_atlas.loading import load_dataset
from tests.conftest import ROOT

START, END = date(2013, 1, 1), date(2025, 12, 31)


@pytest.fixture(scope="module")
def real():
    geography = load_geography(ROOT / "geo")
    return load_dataset(ROOT / "data", set(geography.country_names())), geography


def test_coups_per_year_count_each_coup_once_in_its_year_and_country(real):
    dataset, _ = real
    table = coups_per_year(dataset.events, START, END)
    coups = dataset.events[(dataset.events["category"] == "coup") & (dataset.events["start_date"].dt.year >= 2013)]
    assert table["coups"].sum() == len(coups) and (table["coups"] > 0).all()
    burkina_2022 = table[(table["year"] == 2022) & (table["country"] == "BFA")]["coups"].tolist()
    assert burkina_2022 == [len(coups[(coups["start_date"].dt.year == 2022) & (coups["country_list"].str[0] == "BFA")])]
    assert coups_per_year(dataset.events, date(2023, 1, 1), date(2023, 12, 31))["year"].unique().tolist() == [2023]


def test_fatalities_are_best_figures_and_events_without_one_are_counted_apart(real):
    dataset, _ = real
    events = dataset.events[dataset.events["start_date"].dt.year >= 2013]  # the record holds a few from 2012
    for by in ("country", "category"):
        table = fatalities_per_year(events, START, END, by)
        assert table["fatalities"].sum() == int(events["fatalities"].sum())
        assert table["events"].sum() == events["fatalities"].notna().sum()
        assert table["unknown"].sum() == events["fatalities"].isna().sum()  # unknown, never zero


def test_events_by_actor_most_first_named_in_the_reader_language(real):
    dataset, _ = real
    names = {"Wagner Group": "Groupe Wagner"}
    table = events_by_actor(dataset.events, names, top=100)
    assert table["events"].is_monotonic_decreasing
    wagner = table[table["actor"] == "Wagner Group"].iloc[0]
    assert wagner["name"] == "Groupe Wagner"
    assert wagner["events"] == dataset.events["actor_list"].map(lambda actors: "Wagner Group" in actors).sum()


def test_regime_eras_are_clipped_to_the_range_and_keep_their_real_dates(real):
    dataset, _ = real
    eras = regime_eras(dataset.regimes, date(2021, 1, 1), date(2021, 12, 31), ("MLI",))
    assert eras["start_date"].min() == pd.Timestamp("2021-01-01") and eras["end_date"].max() == pd.Timestamp(
        "2021-12-31"
    )
    first = eras.iloc[0]
    assert first["began"] < pd.Timestamp("2021-01-01") and "Bah" in first["leader"]  # began before the range
    assert set(eras["country"]) == {"MLI"}
    assert list(eras["regime"]) == ["military-led transition", "junta", "military-led transition"]


def test_names_from_the_data_are_text_in_every_chart(real):
    dataset, geography = real
    hostile = {code: "<b>X</b>" for code in geography.country_names()}
    events = dataset.events
    figures = [
        coups_figure(coups_per_year(events, START, END), START, END, hostile, "en"),
        fatalities_figure(fatalities_per_year(events, START, END, "country"), "country", START, END, hostile, "fr"),
        actors_figure(events_by_actor(events, {a: "<i>A</i>" for a in dataset.actors["actor"]}), "en"),
        eras_figure(regime_eras(dataset.regimes, START, END), hostile, "en"),
    ]
    for figure in figures:
        text = figure.to_json()
        assert "<b>X</b>" not in text and "<i>A</i>" not in text
    assert len(figures[0].data) == coups_per_year(events, START, END)["country"].nunique()


def test_a_short_range_has_whole_years_and_whole_coups_on_its_axes(real):
    dataset, geography = real
    start, end = date(2022, 2, 1), date(2022, 3, 31)
    figure = coups_figure(coups_per_year(dataset.events, start, end), start, end, geography.country_names(), "en")
    assert (figure.layout.xaxis.dtick, figure.layout.xaxis.tick0) == (1, 2022)
    assert figure.layout.yaxis.dtick == 1 and figure.layout.yaxis.range[1] >= 4
    wide = coups_figure(coups_per_year(dataset.events, START, END), START, END, geography.country_names(), "en")
    assert wide.layout.xaxis.dtick == 2  # 13 years: a tick every other year


def strength_rows(*rows):
    """troop_strength rows as loaded: (date, scope, countries, troops, kind)."""
    frame = pd.DataFrame(rows, columns=["date", "scope", "countries", "troops", "kind"])
    return frame.assign(
        force="France",
        date=pd.to_datetime(frame["date"]),
        country_list=frame["countries"].map(lambda text: tuple(code for code in text.split(";") if code)),
        source="https://example.org/" + frame.index.astype(str),
    )


def test_troops_per_year_add_up_areas_that_do_not_overlap():
    strength = strength_rows(
        ("2019-02-22", "Mali", "MLI", 2700, "deployed"),  # inside the Sahel figure: not added
        ("2019-05-01", "Sahel (Barkhane, all countries)", "MLI;NER;TCD;BFA;MRT", 4500, "deployed"),
        ("2019-11-26", "Sahel (Barkhane, all countries)", "MLI;NER;TCD;BFA;MRT", 4600, "deployed"),  # the latest
        ("2019-12-01", "Sahel (Barkhane, all countries)", "MLI;NER;TCD;BFA;MRT", 5100, "planned"),  # not a strength
        ("2019-04-20", "Côte d'Ivoire", "CIV", 900, "deployed"),  # elsewhere: added
        ("2019-02-24", "Mali (Gao base)", "", 2700, "deployed"),  # a part of Mali: never added
        ("2024-06-01", "Chad", "TCD", 1000, "deployed"),
        ("2024-06-01", "Niger", "NER", 0, "deployed"),
    )
    table = troops_per_year(strength, "France", START, END)
    assert table[["year", "scope", "troops", "total"]].values.tolist() == [
        [2019, "Sahel (Barkhane, all countries)", 4600, 5500],
        [2019, "Côte d'Ivoire", 900, 5500],
        [2024, "Chad", 1000, 1000],
        [2024, "Niger", 0, 1000],
    ]
    assert table["date"].tolist()[0] == date(2019, 11, 26) and table["source"].str.startswith("https://").all()
    # Mali chosen: only figures that count Mali alone
    mali = troops_per_year(strength, "France", START, END, ("MLI",))
    assert mali[["year", "scope", "troops", "total"]].values.tolist() == [[2019, "Mali", 2700, 2700]]
    # the years of the date filter only, and another force has none
    assert troops_per_year(strength, "France", date(2020, 1, 1), END)["year"].tolist() == [2024, 2024]
    assert troops_per_year(strength, "Germany", START, END).empty


def test_french_troops_per_year_on_the_record(real):
    """On the record, every year's total is the sum of its rows, and no two rows of a year share a country."""
    dataset, _ = real
    table = troops_per_year(dataset.strength, "France", START, END)
    assert set(range(2013, 2026)) - set(table["year"]) == set()  # a figure every year
    for _, year in table.groupby("year"):
        assert (year["total"] == year["troops"].sum()).all()
        codes = [code for text in year["countries"] for code in text.split(";")]
        assert len(codes) == len(set(codes))
    figure = troops_figure(table, START, END, "fr")
    [totals] = [trace for trace in figure.data if trace.type == "scatter"]
    assert format_number(5400, "fr") in list(totals.text)  # 2019: Barkhane 4,500 and Côte d'Ivoire 900
