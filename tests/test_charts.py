from datetime import date

from sahel_atlas.charts import build_events_by_country, build_events_per_year, build_timeline, span_lane
from sahel_atlas.summary import bases_active_on, headline_counts, source_domains


def test_timeline_spans_are_bars_points_are_markers(fixture_dataset):
    fig = build_timeline(fixture_dataset.events, date(2013, 1, 1), date(2025, 12, 31))
    bars = [t for t in fig.data if t.type == "bar"]
    points = [t for t in fig.data if t.type == "scatter"]
    assert {t.name for t in bars} == {"Deployment (span)", "Base (span)"}
    assert {t.name for t in points} == {"Attack", "Coup or attempt", "Agreement"}
    [deployment] = [t for t in bars if t.name == "Deployment (span)"]
    assert list(deployment.base) == ["2013-01-11"]
    assert list(deployment.x) == [(date(2014, 7, 31) - date(2013, 1, 11)).days * 86_400_000 + 86_400_000]
    assert list(deployment.y) == ["France · Serval"]
    [attack] = [t for t in points if t.name == "Attack"]
    assert attack.marker.symbol == "circle" and list(attack.y) == ["Attack"]
    assert attack.customdata[0][1] == "Fixture attack &lt;b&gt;bold&lt;/b&gt; &amp; co"
    # the view spans a year around the date filter, which is drawn as a band
    assert list(fig.layout.xaxis.range) == ["2012-01-02", "2026-04-01"]
    [band] = fig.layout.shapes
    assert (band.x0, band.x1) == ("2013-01-01", "2025-12-31")
    # lanes: spans grouped by actor on top, then one lane per point category
    assert list(fig.layout.yaxis.categoryarray) == [
        "Agreement",
        "Attack",
        "Coup or attempt",
        "France · base Gao",
        "France · Serval",
    ]


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
