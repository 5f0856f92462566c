import html
from datetime import date

import pandas as pd
import pytest

from sahel_atlas.charts import (
    TimelineGroup,
    build_events_by_country,
    build_events_per_year,
    build_strength_chart,
    build_timeline,
    default_period,
    merged_spans,
    period_months,
    regime_countries,
    span_lane,
    stack_rows,
    timeline_groups,
)
from sahel_atlas.codebook import DATA_CUTOFF, DATA_START, PERIOD_FIRST, PERIOD_LAST
from sahel_atlas.summary import bases_active_on, headline_counts, source_domains


def test_timeline_spans_are_bars_points_are_markers(fixture_dataset):
    fig = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2025, 12, 31))
    bars = [t for t in fig.data if t.type == "bar"]
    points = [t for t in fig.data if t.type == "scatter"]
    assert {t.name for t in bars} == {"Deployment (span)", "Base (span)"}
    assert {t.name for t in points} == {"Attack", "Coup or attempt", "Agreement"}
    [deployment] = [t for t in bars if t.name == "Deployment (span)"]
    assert list(deployment.base) == ["2013-01-11"] and list(deployment.ids) == ["2013-01-11-fixture-operation"]
    assert list(deployment.x) == [(date(2014, 7, 31) - date(2013, 1, 11)).days * 86_400_000 + 86_400_000]
    [attack] = [t for t in points if t.name == "Attack"]
    assert attack.marker.symbol == "circle" and list(attack.ids) == ["2015-11-20-fixture-attack"]
    assert attack.customdata[0][1] == "Fixture attack &lt;b&gt;bold&lt;/b&gt; &amp; co"
    # the view spans a year around the date filter, which is drawn as a band
    assert list(fig.layout.xaxis.range) == ["2012-01-02", "2026-04-01"]
    [band] = fig.layout.shapes
    assert (band.x0, band.x1) == ("2013-01-01", "2025-12-31")
    # lanes from the top: operations and bases in a group by actor (a header, then its lanes, indented), then one
    # lane per category of the other events; each label sits in its lane above the lane's items, inside the plot
    labels = [a for a in fig.layout.annotations if a.xref == "paper"]
    assert [a.text for a in labels] == ["▾ France", "Serval", "base Gao", "Coup or attempt", "Attack", "Agreement"]
    assert [a.font.weight for a in labels] == ["bold"] + ["normal"] * 5
    assert [a.xshift for a in labels] == [0, 12, 12, 0, 0, 0]
    assert [(a.x, a.xanchor) for a in labels] == [(0, "left")] * 6
    assert [a.y for a in labels] == pytest.approx([0.3, 0.85, 1.85, 2.85, 3.85, 4.85])
    assert list(fig.layout.yaxis.range) == [5.55, 0]
    assert list(deployment.y) == pytest.approx([1.27]) and list(attack.y) == pytest.approx([4.27])


def test_short_spans_get_a_marker_and_close_points_stack_in_rows(fixture_dataset):
    events = fixture_dataset.events.copy()
    # the Serval deployment made 20 days long: under 3 % of the ~15-year view
    events.loc[events["event_id"] == "2013-01-11-fixture-operation", "end_date"] = pd.Timestamp("2013-01-30")
    # a second attack the same day as the first, and a third one a day later
    attack = events[events["category"] == "attack"].iloc[0]
    twins = pd.DataFrame([attack, attack]).assign(event_id=["twin-a", "twin-b"])
    twins["start_date"] = [attack["start_date"], attack["start_date"] + pd.Timedelta(days=1)]
    # and a second base in Gao over the same years (two bases in one town share a lane)
    base = events[events["category"] == "base"].iloc[[0]].assign(event_id="second-base")
    fig = build_timeline(pd.concat([events, twins, base]), date(2013, 1, 1), date(2025, 12, 31))
    [bases] = [t for t in fig.data if t.name == "Base (span)"]
    assert len(set(bases.y)) == 2  # one above the other, neither hidden
    starts = [t for t in fig.data if t.type == "scatter" and not t.showlegend]
    assert [list(t.ids) for t in starts] == [["2013-01-11-fixture-operation"]]
    [bar] = [t for t in fig.data if t.type == "bar" and "2013-01-11-fixture-operation" in t.ids]
    assert list(starts[0].y) == list(bar.y)  # in the span's lane, at its start
    assert list(starts[0].x) == [pd.Timestamp("2013-01-11")]
    [attacks] = [t for t in fig.data if t.name == "Attack"]
    positions = list(zip(attacks.x, attacks.y, strict=True))
    assert len(set(positions)) == 3 and len(set(attacks.y)) == 3  # one row each, none hidden


def test_a_closed_group_is_one_lane_whose_bar_opens_it(fixture_dataset):
    """France's operation and base, closed: one lane with the union of their spans, a click on which opens the group."""
    events = fixture_dataset.events
    assert timeline_groups(events) == [TimelineGroup("France", "France", 2)]
    fig = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31), open_groups=())
    labels = [a.text for a in fig.layout.annotations]
    assert labels == ["▸ France · 2 operations and bases", "Coup or attempt", "Attack", "Agreement"]
    assert not [trace for trace in fig.data if trace.name in ("Deployment (span)", "Base (span)")]
    [closed] = [trace for trace in fig.data if trace.name == "Group closed (all its operations and bases)"]
    # the operation (2013-01-11 → 2014-07-31) lies inside the base's years (2013-02-01 → 2022-08-15)
    assert list(closed.base) == ["2013-01-11"] and closed.customdata[0][0] == "open:France"
    assert list(closed.x) == [((date(2022, 8, 15) - date(2013, 1, 11)).days + 1) * 86_400_000]
    assert closed.ids is None  # not an event: the page opens the group instead of selecting
    # opened, by its key
    opened = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31), open_groups=("France",))
    assert [a.text for a in opened.layout.annotations][:3] == ["▾ France", "Serval", "base Gao"]


def test_merged_spans():
    """Overlapping spans merge, and so do spans that touch (the next begins the day after); a gap keeps them apart."""
    day = pd.Timestamp
    spans = [("2020-01-10", "2020-01-20"), ("2020-01-01", "2020-01-15"), ("2020-01-21", "2020-01-31")]
    spans += [("2020-03-01", "2020-03-05"), ("2020-02-03", "2020-02-28")]  # 1-2 Feb, 29 Feb 2020 between: apart
    starts, ends = (pd.Series([day(span[k]) for span in spans]) for k in (0, 1))
    assert merged_spans(starts, ends) == [
        (day("2020-01-01"), day("2020-01-31")),
        (day("2020-02-03"), day("2020-02-28")),
        (day("2020-03-01"), day("2020-03-05")),
    ]


def test_spans_cut_by_the_period_shown_are_marked_at_its_edges(fixture_dataset):
    """Zoomed to 2014, the operation begun in 2013 gets a ◀ at the left edge; the base, held until 2022, a ▶ at the
    right edge as well; both select their event when clicked (ids)."""
    shown = (date(2014, 1, 1), date(2014, 12, 31))
    fig = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2025, 12, 31), shown=shown)
    assert list(fig.layout.xaxis.range) == ["2014-01-01", "2014-12-31"]
    marks = {
        trace.name: trace
        for trace in fig.data
        if trace.name in ("Began before the period shown", "Goes on after the period shown")
    }
    began, goes_on = marks["Began before the period shown"], marks["Goes on after the period shown"]
    assert set(began.ids) == {"2013-01-11-fixture-operation", "2013-02-01-fixture-base"}
    assert list(goes_on.ids) == ["2013-02-01-fixture-base"]
    assert began.marker.symbol == "triangle-left" and goes_on.marker.symbol == "triangle-right"
    inside = [pd.Timestamp(x) for x in (*began.x, *goes_on.x)]
    assert all(pd.Timestamp(shown[0]) < x < pd.Timestamp(shown[1]) for x in inside)
    # on its bar's row
    bars = {i: y for trace in fig.data if trace.type == "bar" for i, y in zip(trace.ids, trace.y, strict=True)}
    assert [bars[i] for i in began.ids] == list(began.y)
    # the default period (the filter and a year) cuts nothing
    fig = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2025, 12, 31))
    assert not [trace for trace in fig.data if trace.name in marks]


def test_governments_are_eras_on_the_timeline(fixture_dataset):
    events, regimes = fixture_dataset.events, fixture_dataset.regimes
    shown = regime_countries(events, regimes)
    assert list(shown["country"]) == ["MLI", "MLI"]
    assert regime_countries(events, regimes, ("NER",)).empty
    fig = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31), regimes=shown, country_names={"MLI": "Mali"})
    assert [a.text for a in fig.layout.annotations][:2] == ["Mali", "▾ France"]  # one country: no group header
    eras = {trace.name: trace for trace in fig.data if trace.legendgroup == "regime"}
    assert set(eras) == {"Civilian government", "Junta"}
    junta = eras["Junta"]
    assert junta.customdata[0][1] == "Mali: Fixture colonel" and list(junta.base) == ["2020-08-18"]
    assert junta.customdata[0][0] == "" and junta.ids is None  # not an event: a click selects nothing
    civilian = eras["Civilian government"]
    assert list(civilian.base) == ["2012-01-02"]  # cut to the period shown; the hover keeps the real start
    assert "2012" in civilian.customdata[0][2] and "17 Aug 2020" in civilian.customdata[0][2]
    two = pd.concat([shown, shown.assign(country="NER")])
    fig = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31), open_groups=(), regimes=two)
    assert fig.layout.annotations[0].text == "▸ Governments"
    assert not [trace for trace in fig.data if trace.legendgroup == "regime"]


def test_the_period_slider_runs_from_2010_through_the_default_period_end():
    """The slider offers every month a link may give (state.from_query_params takes PERIOD_FIRST..PERIOD_LAST), so
    a link's period always has its months on the slider, and the default period's end is among them."""
    months = period_months()
    assert months[0] == PERIOD_FIRST and months[-1] == PERIOD_LAST.replace(day=1) == date(2026, 4, 1)
    assert default_period(date(2013, 1, 1), date(2025, 12, 31)) == (date(2012, 1, 2), date(2026, 4, 1))
    assert default_period(DATA_START, DATA_CUTOFF)[0] >= PERIOD_FIRST


def test_stack_rows():
    assert stack_rows([(0, 0), (100, 100), (200, 200)], 50) == [0, 0, 0]
    assert stack_rows([(0, 0), (0, 0), (10, 10), (60, 60), (61, 61)], 50) == [0, 1, 2, 0, 1]
    # spans: only an overlap (gap of one day) moves a bar to a further row
    assert stack_rows([(0, 500), (0, 400), (450, 600), (501, 700)], 1) == [0, 1, 1, 0]


HOSTILE = [
    "Kidal <i>camp</i>",
    "Gao<br>Ansongo",
    '<a href="javascript:alert(1)">link</a>',
    '<b>bold</b> &lt;i&gt; entity "quoted"',
    "`${x}` \\ back",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_from_the_data_reaches_plotly_as_text(fixture_dataset, text):
    """Plotly reads labels, hover text and trace names as a subset of HTML: data text arrives escaped."""
    events = fixture_dataset.events.copy()
    for column in ("location", "title", "operation"):
        events[column] = text
    fig = build_timeline(events, date(2013, 1, 1), date(2025, 12, 31))
    # no tag or template character survives, and what Plotly shows (entities decoded) is the data as typed
    labels = [a.text for a in fig.layout.annotations]
    shown = {html.unescape(label) for label in labels}
    assert (
        text in shown
    )  # the operation's lane, under its actor's header; the base lane's label is cut at 48 characters
    assert any(label.startswith(f"base {text}"[:47]) for label in shown)
    cells = [v for trace in fig.data for row in trace.customdata for v in row[1:]]
    assert text in {html.unescape(v) for v in cells}
    for string in [*labels, *cells]:
        assert not set(string) & set("<>`$")
    strength = pd.DataFrame(
        {"date": [pd.Timestamp("2014-01-01")], "force": ["F"], "scope": [text], "troops": [10], "kind": ["deployed"]}
    ).assign(source=text)
    [trace] = build_strength_chart(strength, "F").data
    assert html.unescape(trace.name) == text and not set(trace.name) & set("<>`$")
    assert html.unescape(trace.customdata[0][1]) == text


def test_span_lane_avoids_repeating_the_actor(fixture_dataset):
    event = fixture_dataset.events.iloc[0].copy()
    event["actor_list"], event["operation"] = ("MINUSMA",), "MINUSMA"
    assert span_lane(event) == "MINUSMA"


def test_events_per_year_counts_each_event_once(fixture_dataset):
    fig = build_events_per_year(fixture_dataset.events, date(2013, 1, 1), date(2023, 12, 31))
    totals = {}
    for trace in fig.data:
        for year, count in zip(trace.x, trace.y, strict=True):
            totals[year] = totals.get(year, 0) + count
    assert totals[2013] == 2 and totals[2015] == 1 and totals[2020] == 1 and totals[2023] == 1
    assert sum(totals.values()) == 5 and list(fig.data[0].x) == list(range(2013, 2024))


def test_headline_counts(fixture_dataset):
    counts = headline_counts(fixture_dataset.events, date(2022, 8, 15))
    assert (counts.events, counts.coups, counts.bases_active) == (5, 1, 1)
    assert (counts.fatalities, counts.events_with_fatalities) == (22, 1)
    assert bases_active_on(fixture_dataset.events, date(2022, 8, 16)).empty


def test_events_by_country_and_source_domains(fixture_dataset):
    fig = build_events_by_country(fixture_dataset.events, {"MLI": "Mali"})
    assert list(fig.data[0].y) == ["Mali"] and list(fig.data[0].x) == [5]
    domains = source_domains(fixture_dataset.events)
    assert domains.to_dict("records") == [{"website": "example.org", "events citing it": 5}]


def test_lanes_name_actors_in_the_reader_language(fixture_dataset):
    """A French reader sees the French form of an actor's name in the lane labels."""
    names = {"France": "France (FR)", "MINUSMA": "Minusma"}
    figure = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2023, 12, 31), "fr", actor_names=names)
    labels = [a.text for a in figure.layout.annotations]
    assert "▾ France (FR)" in labels
    assert "▾ France" not in labels


def test_short_spans_close_together_take_separate_rows(fixture_dataset):
    """Two two-day spans ten days apart in one lane are each drawn as a marker at their start: at a
    thirteen-year range those markers would sit on each other, so they go to separate rows."""
    events = fixture_dataset.events
    raids = pd.concat([events[events["event_id"] == "2013-01-11-fixture-operation"]] * 2, ignore_index=True)
    raids["event_id"] = ["2013-03-20-first-raid", "2013-03-30-second-raid"]
    raids["category"] = "attack"
    raids["start_date"] = pd.to_datetime(["2013-03-20", "2013-03-30"])
    raids["end_date"] = pd.to_datetime(["2013-03-21", "2013-03-31"])
    figure = build_timeline(raids, date(2013, 1, 1), date(2025, 12, 31))
    [bars] = [trace for trace in figure.data if trace.type == "bar"]
    y = dict(zip(bars.ids, bars.y, strict=True))
    assert y["2013-03-20-first-raid"] != y["2013-03-30-second-raid"]


def test_a_hostile_french_actor_name_reaches_lanes_as_text(fixture_dataset):
    """An actor's `name_fr` is data: markup in it is shown, not parsed, in the lane labels."""
    names = {"France": "<b>Fr</b> ${x} `y`"}
    figure = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2023, 12, 31), "fr", actor_names=names)
    labels = [a.text for a in figure.layout.annotations]
    assert any(label.startswith("▾ &lt;b&gt;Fr&lt;/b&gt;") for label in labels)
    assert not any("<b>Fr" in label for label in labels)
