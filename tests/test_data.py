"""The curated dataset itself: valid, placed inside its countries, and covering what it must."""

import math
import re
from datetime import date, timedelta
from itertools import pairwise

import pandas as pd
import pytest
from shapely.geometry import Point, shape
from shapely.ops import nearest_points

from sahel_atlas.codebook import DATA_CUTOFF
from sahel_atlas.loading import load_dataset
from sahel_atlas.summary import bases_active_on, regime_periods_on, regimes_on
from tests.conftest import ROOT

BORDER_TOLERANCE_KM = 25
SUCCESSFUL_COUPS_2020_2023 = [
    ("MLI", date(2020, 8, 18)),
    ("MLI", date(2021, 5, 24)),
    ("TCD", date(2021, 4, 20)),
    ("GIN", date(2021, 9, 5)),
    ("BFA", date(2022, 1, 24)),
    ("BFA", date(2022, 9, 30)),
    ("NER", date(2023, 7, 26)),
    ("GAB", date(2023, 8, 30)),
]


@pytest.fixture(scope="module")
def dataset(known_countries):
    return load_dataset(ROOT / "data", known_countries)


@pytest.fixture(scope="module")
def events(dataset):
    return dataset.events


def km_between(a: Point, b: Point) -> float:
    """Great-circle distance between two lon/lat points."""
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def test_the_data_passes_every_rule(dataset):
    assert [p.message() for p in dataset.problems] == []


def test_enough_events_and_sources(events):
    """Version 0.3.0's goals: at least 1,000 events, most with two or more sources."""
    assert len(events) >= 1000
    two_or_more = events["sources"].str.split().str.len() >= 2
    assert two_or_more.mean() >= 0.85


def test_each_base_site_has_one_holder_at_a_time(events):
    """Spans at one facility follow each other; a handover day may end one span and start the next."""
    overlaps = []
    bases = events[events["category"] == "base"].sort_values("start_date")
    for site, spans in bases.groupby("site"):
        rows = list(spans.itertuples())
        for before, after in pairwise(rows):
            if after.start_date < before.end_date:
                overlaps.append(f"{site}: {before.event_id} until {before.end_date:%Y-%m-%d} / {after.event_id}")
    assert overlaps == []


def mission_span(events, operation):
    """The span row of a mission whose first actor is the mission itself (e.g. MINUSMA, EUTM Mali)."""
    own = spans(events, operation)
    return own[own["actor_list"].str[0] == operation].iloc[0]


@pytest.mark.parametrize("operation", ["MINUSMA", "EUTM Mali"])
def test_mission_bases_lie_inside_their_mission(events, operation):
    """A camp starts within its mission's life; a camp the mission itself holds also ends within it."""
    mission = mission_span(events, operation)
    bases = events[(events["category"] == "base") & (events["operation"] == operation)]
    early = bases[bases["start_date"] < mission["start_date"]]["event_id"].tolist()
    own = bases[bases["actor_list"].str[0] == operation]
    late = own[own["end_date"] > mission["end_date"]]["event_id"].tolist()
    assert (early, late) == ([], [])
    assert not bases.empty


EXPLAINED_END = re.compile(r"\bend\s*(?:=|:|\d|moved|rests)|ongoing", re.IGNORECASE)


def test_no_base_ends_on_a_proxy_date_without_saying_so(events):
    """A base that ends at the cut-off, with its operation, or on a date shared by the holder's other sites
    (e.g. Wagner's announced exit) says in `notes` what the end date rests on."""
    bases = events[events["category"] == "base"]
    holder = bases["actor_list"].str[0]
    shared = bases.groupby([holder, "end_date"])["site"].transform("nunique") > 1
    operation_ends = spans(events).groupby("operation")["end_date"].max()
    with_operation = bases["end_date"].eq(bases["operation"].map(operation_ends))
    at_cutoff = bases["end_date"].isna() | bases["end_date"].eq(pd.Timestamp(DATA_CUTOFF))
    proxy = bases[shared | with_operation | at_cutoff]
    unexplained = proxy[~proxy["notes"].str.contains(EXPLAINED_END)]["event_id"].tolist()
    assert unexplained == []
    assert len(proxy) >= 5


HANDOVER = re.compile(r"\bhands? over\b|\b(?:closes|leaves)\b.*\b(?:camp|base)\b", re.IGNORECASE)


def test_each_handover_ends_a_base_span_there(events):
    """A withdrawal that hands a base over has the matching span end: a base within about 30 km whose
    end_date lies within 3 days of the handover, unless its notes say why there is no base span."""
    bases = events[events["category"] == "base"]
    handovers = events[(events["category"] == "withdrawal") & events["title"].str.contains(HANDOVER)]
    handovers = handovers[~handovers["notes"].str.contains("No base span: ")]
    unmatched = [
        h.event_id
        for h in handovers.itertuples()
        if not (
            ((bases["end_date"] - h.start_date).abs() <= pd.Timedelta(days=3))
            & ((bases["latitude"] - h.latitude).abs() < 0.3)
            & ((bases["longitude"] - h.longitude).abs() < 0.3)
        ).any()
    ]
    assert unmatched == []
    assert len(handovers) >= 15


@pytest.mark.parametrize(
    ("site", "holder", "start", "end"),
    [
        ("madama-fort", "France", "2014-10-01", "2019-07-10"),
        ("gossi-minusma-camp", "MINUSMA", "2015-01-01", "2018-08-24"),
        ("gao-camp-castor", "Netherlands", "2014-04-01", "2017-11-29"),
        ("gao-camp-castor", "Germany", "2017-11-29", "2023-12-12"),
        ("bamako-eutm-hq", "EUTM Mali", "2013-02-18", "2024-05-18"),
        ("niamey-ab101-us-compound", "United States", "2013-02-20", "2024-07-07"),
        ("agadez-ab201", "United States", "2019-11-01", "2024-08-05"),
    ],
)
def test_audited_base_spans(events, site, holder, start, end):
    """The spans the data audit corrected: one row per holder, with the sourced opening and end."""
    held = events[(events["site"] == site) & (events["actor_list"].str[0] == holder)]
    assert [(f"{r.start_date:%Y-%m-%d}", f"{r.end_date:%Y-%m-%d}") for r in held.itertuples()] == [(start, end)]


def test_the_us_presence_in_niger_ends_on_15_september_2024(events):
    us_niger = spans(events)
    us_niger = us_niger[us_niger["actor_list"].str[0].eq("United States") & us_niger["country_list"].str[0].eq("NER")]
    assert us_niger["end_date"].tolist() == [pd.Timestamp("2024-09-15")]


def test_operations_of_the_brief_are_spans_and_known(dataset):
    known = set(dataset.operations["operation"])
    used = set(dataset.events["operation"]) - {""}
    assert used <= known
    for operation in ("EUCAP Sahel Mali", "EUCAP Sahel Niger", "G5 Sahel Joint Force", "MISIN", "AFISMA"):
        assert not spans(dataset.events, operation).empty, operation


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2015, 5, 15), "Algiers"),
        (date(2023, 9, 16), "Liptako-Gourma"),
        (date(2024, 7, 6), "confedera"),
        (date(2024, 1, 28), "ECOWAS"),
        (date(2025, 1, 29), "ECOWAS"),
        (date(2023, 6, 30), "2690"),
        (date(2024, 1, 25), "Algiers"),
    ],
)
def test_turning_points(events, day, words):
    on_day = events[events["start_date"].dt.date == day]
    text = on_day["title"] + " " + on_day["description"]
    assert text.str.contains(words, case=False).any(), f"nothing on {day} about {words}"


def test_every_event_lies_in_its_first_country(events, geography):
    polygons = {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in geography.countries["features"]}
    outside = []
    for _, event in events.iterrows():
        country = event["country_list"][0]
        point = Point(event["longitude"], event["latitude"])
        polygon = polygons[country]
        if not polygon.contains(point):
            distance = km_between(point, nearest_points(polygon, point)[0])
            if distance > BORDER_TOLERANCE_KM:
                outside.append(f"{event['event_id']}: {distance:.0f} km outside {country}")
    assert outside == []


def test_every_event_has_a_source_and_known_actors(dataset):
    known = set(dataset.actors["actor"])
    for _, event in dataset.events.iterrows():
        assert event["sources"].split(), event["event_id"]
        assert set(event["actor_list"]) <= known, event["event_id"]


def test_no_future_dates(events):
    latest = events["end_date"].fillna(events["start_date"]).max()
    assert latest <= pd.Timestamp(DATA_CUTOFF)


def spans(events, operation=None, category="deployment"):
    selected = events[(events["category"] == category) & events["end_date"].notna()]
    if operation:
        selected = selected[selected["operation"] == operation]
    return selected


@pytest.mark.parametrize("operation", ["Serval", "Barkhane", "Sabre", "Takuba", "MINUSMA", "EUTM Mali"])
def test_operations_are_spans(events, operation):
    assert not spans(events, operation).empty, f"no span for {operation}"


@pytest.mark.parametrize(
    ("country", "places"),
    [
        ("MLI", {"Gao", "Kidal", "Tessalit", "Timbuktu", "Gossi", "Ménaka"}),
        ("NER", {"Niamey"}),
        ("TCD", {"N'Djamena"}),
    ],
)
def test_french_bases_are_spans(events, country, places):
    bases = spans(events, category="base")
    french = bases[bases["actor_list"].str[0].eq("France") & bases["country_list"].str[0].eq(country)]
    held = {loc for loc in french["location"] for place in places if place in loc}
    assert {p for p in places if any(p in loc for loc in held)} == places


@pytest.mark.parametrize(("country", "day"), SUCCESSFUL_COUPS_2020_2023)
def test_every_successful_coup_2020_2023(events, country, day):
    coups = events[(events["category"] == "coup") & events["country_list"].str[0].eq(country)]
    assert (coups["start_date"].dt.date == day).any(), f"no coup in {country} on {day}"


ATTEMPTS_AND_PLOTS = [
    ("MLI", date(2012, 4, 30)),
    ("GNB", date(2012, 10, 21)),
    ("TCD", date(2013, 5, 1)),
    ("GMB", date(2014, 12, 30)),
    ("BFA", date(2015, 9, 16)),
    ("NER", date(2015, 12, 17)),
    ("GAB", date(2019, 1, 7)),
    ("CIV", date(2019, 12, 26)),
    ("NER", date(2021, 3, 31)),
    ("BFA", date(2022, 1, 11)),
    ("GNB", date(2022, 2, 1)),
    ("MLI", date(2022, 5, 16)),
    ("GMB", date(2022, 12, 21)),
    ("BFA", date(2022, 12, 28)),
    ("TCD", date(2023, 1, 5)),
    ("BFA", date(2023, 9, 27)),
    ("SLE", date(2023, 11, 26)),
    ("GNB", date(2023, 11, 30)),
    ("BFA", date(2024, 1, 18)),
    ("BFA", date(2024, 9, 23)),
    ("BEN", date(2024, 9, 25)),
    ("BFA", date(2025, 4, 21)),
    ("MLI", date(2025, 8, 14)),
    ("GNB", date(2025, 10, 31)),
    ("BEN", date(2025, 12, 7)),
]


@pytest.mark.parametrize(("country", "day"), ATTEMPTS_AND_PLOTS)
def test_every_attempted_coup_and_announced_plot(events, country, day):
    """Attempts and officially announced foiled plots are coup rows, dated to the attempt or the announcement."""
    coups = events[(events["category"] == "coup") & events["country_list"].str[0].eq(country)]
    assert (coups["start_date"].dt.date == day).any(), f"no coup row in {country} on {day}"


def test_february_2022_withdrawal_announcement(events):
    on_day = events[events["start_date"].dt.date == date(2022, 2, 17)]
    assert on_day["actor_list"].map(lambda a: "France" in a).any()


def test_wagner_arrival_in_mali(events):
    wagner = events[events["actor_list"].map(lambda a: "Wagner Group" in a) & events["countries"].str.contains("MLI")]
    assert not wagner.empty and wagner["start_date"].min() < pd.Timestamp("2022-06-01")


@pytest.mark.parametrize("country", ["MLI", "BFA", "NER", "TCD"])
def test_french_departures(events, country):
    departures = events[
        (events["category"] == "withdrawal")
        & events["actor_list"].map(lambda a: "France" in a)
        & events["country_list"].str[0].eq(country)
    ]
    assert not departures.empty, f"no French withdrawal from {country}"


def test_french_bases_in_mali_on_the_day_of_the_announcement(events):
    """Reports of 17 Feb 2022 put French forces at three bases in northern Mali: Gao, Gossi, Ménaka."""
    held = bases_active_on(events, date(2022, 2, 17))
    french_mali = held[held["actor_list"].str[0].eq("France") & held["country_list"].str[0].eq("MLI")]
    north = french_mali[french_mali["location"] != "Bamako"]
    assert sorted(north["location"]) == ["Gao", "Gossi", "Ménaka"]


def test_regimes_cover_each_country_without_gap_or_overlap(dataset):
    regimes = dataset.regimes
    assert len(regimes["country"].unique()) >= 15
    for country, periods in regimes.groupby("country"):
        rows = list(periods.sort_values("start_date").itertuples())
        assert rows[0].start_date == pd.Timestamp("2012-01-01"), country
        assert rows[-1].end_date == pd.Timestamp(DATA_CUTOFF), country
        for before, after in pairwise(rows):
            assert after.start_date - before.end_date == pd.Timedelta(days=1), (country, before.end_date)


def test_each_regime_period_names_its_leader(dataset):
    nameless = dataset.regimes[dataset.regimes["leader"].str.strip() == ""]
    assert nameless[["country", "start_date"]].to_dict("records") == []


def test_a_regime_period_starts_on_the_day_of_the_event_it_cites(dataset):
    """A period that `began_with` a coup (or a swearing-in) starts on that event's start date."""
    starts = dataset.events.set_index("event_id")["start_date"]
    cited = dataset.regimes[dataset.regimes["began_with"] != ""]
    wrong = cited[cited["start_date"] != cited["began_with"].map(starts)]
    assert wrong[["country", "start_date", "began_with"]].to_dict("records") == []


@pytest.mark.parametrize(
    "coup",
    [
        "2012-03-22-mali-coup-sanogo",
        "2012-04-12-guinea-bissau-coup",
        "2014-10-31-burkina-compaore-resigns",
        "2015-09-16-burkina-rsp-attempted-coup",
        "2020-08-18-mali-coup-keita-resigns",
        "2021-04-20-chad-deby-death-cmt-takeover",
        "2021-05-24-mali-coup-goita-ndaw",
        "2021-09-05-guinea-coup-doumbouya",
        "2022-01-24-burkina-coup-damiba",
        "2022-09-30-burkina-coup-traore",
        "2023-07-26-niger-coup-tchiani",
        "2023-08-30-gabon-coup-oligui",
        "2025-11-26-guinea-bissau-coup",
    ],
)
def test_each_coup_that_took_power_begins_a_regime_period(dataset, coup):
    assert (dataset.regimes["began_with"] == coup).sum() == 1, coup


@pytest.mark.parametrize(
    ("country", "day", "leader"),
    [
        ("NER", date(2022, 1, 1), "Bazoum"),
        ("NER", date(2020, 1, 1), "Issoufou"),
        ("SEN", date(2015, 6, 1), "Macky Sall"),
        ("SEN", date(2024, 4, 2), "Faye"),
        ("GHA", date(2020, 1, 1), "Akufo-Addo"),
        ("GHA", date(2025, 1, 7), "Mahama"),
        ("NGA", date(2020, 1, 1), "Buhari"),
        ("NGA", date(2024, 1, 1), "Tinubu"),
        ("GMB", date(2020, 1, 1), "Barrow"),
        ("BEN", date(2020, 1, 1), "Talon"),
        ("MLI", date(2015, 1, 1), "Keïta"),
        ("BFA", date(2018, 1, 1), "Kaboré"),
        ("BFA", date(2014, 11, 5), "Zida"),
        ("MRT", date(2022, 1, 1), "Ghazouani"),
        ("GNB", date(2021, 1, 1), "Embaló"),
        ("GNB", date(2016, 1, 1), "Vaz"),
        ("SLE", date(2020, 1, 1), "Bio"),
        ("LBR", date(2020, 1, 1), "Weah"),
        ("CIV", date(2025, 12, 31), "Ouattara"),
    ],
)
def test_the_leader_in_power_on_a_day(dataset, country, day, leader):
    """The as-of snapshot names who was in power that day (the audit found predecessors named instead)."""
    periods = regime_periods_on(dataset.regimes, day)
    assert periods.loc[periods["country"] == country, "leader"].str.contains(leader).all()
    assert (periods["country"] == country).sum() == 1


@pytest.mark.parametrize(("country", "day"), SUCCESSFUL_COUPS_2020_2023)
def test_a_successful_coup_ends_civilian_rule_that_day(dataset, country, day):
    assert regimes_on(dataset.regimes, day - timedelta(days=1))[country] != regimes_on(dataset.regimes, day)[country]
    assert regimes_on(dataset.regimes, day)[country] in ("junta", "military-led transition")


def test_troop_strength_table_charts_france_every_year(dataset):
    france = dataset.strength[dataset.strength["force"] == "France"]
    assert set(france["date"].dt.year) >= set(range(2013, 2026))
    assert len(dataset.strength) >= 100


ECOWAS_AU_SUSPENSIONS = [
    ("African Union", "MLI", date(2012, 3, 23)),
    ("ECOWAS", "MLI", date(2012, 3, 27)),
    ("ECOWAS", "MLI", date(2020, 8, 18)),
    ("African Union", "MLI", date(2020, 8, 19)),
    ("ECOWAS", "MLI", date(2021, 5, 30)),
    ("African Union", "MLI", date(2021, 6, 1)),
    ("ECOWAS", "GIN", date(2021, 9, 8)),
    ("African Union", "GIN", date(2021, 9, 10)),
    ("ECOWAS", "BFA", date(2022, 1, 28)),
    ("African Union", "BFA", date(2022, 1, 31)),
    ("ECOWAS", "NER", date(2023, 7, 30)),
    ("African Union", "NER", date(2023, 8, 22)),
    ("African Union", "GAB", date(2023, 8, 31)),
    ("ECOWAS", "GNB", date(2025, 11, 27)),
    ("African Union", "GNB", date(2025, 11, 28)),
]


@pytest.mark.parametrize(("body", "country", "day"), ECOWAS_AU_SUSPENSIONS)
def test_every_ecowas_and_au_suspension_after_a_coup(events, body, country, day):
    """Each suspension of a member by ECOWAS or the AU is a diplomacy row naming the body and the country."""
    rows = events[
        (events["category"] == "diplomacy")
        & (events["start_date"].dt.date == day)
        & events["actor_list"].map(lambda a: body in a)
        & events["country_list"].map(lambda c: country in c)
    ]
    assert not rows.empty, f"no {body} measure against {country} on {day}"


ENDED_BY = re.compile(r"Ended by (\d{4}-\d\d-\d\d-[a-z0-9-]*[a-z0-9])")
OPEN_ENDS = ("Still in force at the dataset's cut-off", "End not found in retrieved sources")


def measure_end_problems(events: pd.DataFrame) -> list[str]:
    """Each ECOWAS or AU suspension or sanction row says in `notes` how it ended: "Ended by <event_id>" naming a
    later diplomacy row (a lifting or an exit), or that it was still in force or its end was not found."""
    measures = events[
        (events["category"] == "diplomacy")
        & events["actor_list"].str[0].isin(["ECOWAS", "African Union"])
        & events["event_id"].str.contains("suspends|sanctions|embargo")
        & ~events["event_id"].str.contains("lifts")
    ]
    by_id = events.set_index("event_id")
    problems = []
    for _, row in measures.iterrows():
        ends = ENDED_BY.findall(row["notes"])
        if not ends and not any(words in row["notes"] for words in OPEN_ENDS):
            problems.append(f"{row['event_id']}: notes do not say how the measure ended")
        for end in ends:
            if end not in by_id.index:
                problems.append(f"{row['event_id']}: ended by unknown event {end}")
            elif by_id.loc[end, "start_date"] <= row["start_date"] or by_id.loc[end, "category"] != "diplomacy":
                problems.append(f"{row['event_id']}: {end} is not a later diplomacy row")
    return problems


def test_every_ecowas_and_au_measure_says_how_it_ended(events):
    assert measure_end_problems(events) == []


def test_a_measure_without_its_end_is_reported(events):
    """The check can fail: an unexplained suspension, and one 'ended' by an earlier row, are both reported."""
    suspension = events[events["event_id"] == "2021-09-08-ecowas-suspends-guinea"].copy()
    silent = suspension.assign(notes="Virtual summit.")
    backwards = suspension.assign(notes="Ended by 2012-04-08-ecowas-lifts-mali-sanctions.")
    assert measure_end_problems(pd.concat([events, silent.assign(event_id="2021-09-08-ecowas-suspends-x")])) != []
    assert measure_end_problems(pd.concat([events, backwards.assign(event_id="2021-09-08-ecowas-suspends-y")])) != []


# Hosts that copy other pages (Wikipedia mirrors, proxies, document mirrors, video scrapers), blogs and content
# farms: a figure resting on one of them has no source a reader can trust.
_MIRROR_OR_BLOG_HOSTS_TEXT = """
    wikizero.net talk.dob.jp wideo.ovh blogspot.com actualnewsmagazine.com over-blog.com hautetfort.com eth.limo
    kiddle.co worldnews.wiki docslib.org rewis.io gopherproxy.meulie.net wufengqin.com tiue.org
    lakefronthartwell.com headtopics.com nybreaking.com le-top-des-voyages.com news-pravda.com pressegauche.org
    teranews.in nouvelles-dujour.com newsnetdaily.com am1.news earthpressnews.com worldonnow.com
    ryvanzmiacharity.org iodenews.com theasiatoday.org axadletimes.com diplomatictimes.net zambianobserver.com
    lagosmetropolitan.com russia-islworld.ru crooksandliars.com statecrime.org urdupoint.com wordpress.com
    stringtranslate.com
"""
MIRROR_OR_BLOG_HOSTS = frozenset(_MIRROR_OR_BLOG_HOSTS_TEXT.split())


def mirror_or_blog_sources(strength: pd.DataFrame) -> list[str]:
    """The `source` URLs of troop-strength rows whose host is, or is under, a blocked host."""
    hosts = strength["source"].str.extract(r"^https?://([^/:?#]+)", expand=False).str.lower()
    blocked = hosts.map(lambda host: any(host == h or host.endswith("." + h) for h in MIRROR_OR_BLOG_HOSTS))
    return strength.loc[blocked, "source"].tolist()


def conflicting_strength_figures(strength: pd.DataFrame) -> list[tuple]:
    """(force, scope, date, kind) keys stated with more than one figure: one truth per date."""
    figures = strength.groupby(["force", "scope", "date", "kind"])["troops"].nunique()
    return figures[figures > 1].index.tolist()


def test_no_troop_figure_rests_on_a_mirror_or_a_blog(dataset):
    assert mirror_or_blog_sources(dataset.strength) == []


def test_a_mirror_or_blog_source_is_reported(dataset):
    """The check can fail: a Wikipedia mirror and a blog on a subdomain are both caught; a press URL is not."""
    row = dataset.strength.iloc[[0]]
    planted = pd.concat(
        [
            row.assign(source="https://www.wikizero.net/wiki/fr/Mission"),
            row.assign(source="https://lemamouth.blogspot.com/2020/06/takuba.html?m=0"),
            row.assign(source="https://www.reuters.com/world/africa/"),
        ]
    )
    assert len(mirror_or_blog_sources(planted)) == 2


def test_one_troop_figure_per_force_scope_date_and_kind(dataset):
    assert conflicting_strength_figures(dataset.strength) == []


def test_a_second_figure_for_the_same_day_is_reported(dataset):
    """The check can fail: a second figure for the same force, scope, date and kind is a conflict; the same
    figure from a second source is not."""
    row = dataset.strength.iloc[[0]]
    same = pd.concat([dataset.strength, row.assign(source="https://example.org/second-source")])
    other = pd.concat([dataset.strength, row.assign(troops=row["troops"] + 1)])
    assert conflicting_strength_figures(same) == []
    assert len(conflicting_strength_figures(other)) == 1


@pytest.mark.parametrize(
    ("force", "day", "figure"),
    [("United States", date(2024, 7, 7), 1000), ("Wagner Group", date(2021, 12, 23), 500)],
)
def test_the_audited_contradictions_are_gone(dataset, force, day, figure):
    """The US 'nearly 1,000' was the pre-withdrawal strength, not the strength on 7 Jul 2024; Wagner's 500 of
    23 Dec 2021 contradicted the France 24 count of about forty on Christmas Eve."""
    strength = dataset.strength
    stated = strength[(strength["force"] == force) & (strength["date"] == pd.Timestamp(day))]
    assert figure not in stated["troops"].tolist()
    events = dataset.events
    on_day = events[(events["start_date"] == pd.Timestamp(day)) & events["actors"].str.contains(force)]
    assert figure not in on_day["troops"].dropna().tolist()


TROOPS_KIND = re.compile(r"\btroops\b[^.;]*\b(?:deployed|ceiling|peak|planned|estimate)", re.IGNORECASE)


def troops_without_kind(events: pd.DataFrame) -> list[str]:
    """event_ids whose `troops` is set but whose notes do not say if it is a deployed strength, a ceiling, a peak,
    a planned strength or an estimate (in a sentence about troops)."""
    with_troops = events[events["troops"].notna()]
    return with_troops.loc[~with_troops["notes"].fillna("").str.contains(TROOPS_KIND), "event_id"].tolist()


def test_every_troop_figure_says_which_kind_it_is(events):
    assert troops_without_kind(events) == []


def test_a_troop_figure_without_its_kind_is_reported(events):
    """The check can fail: a figure with silent notes, and one whose notes name a kind only outside a troops
    sentence, are both reported."""
    row = events[events["event_id"] == "2016-06-29-unsc-res-2295-minusma"]
    silent = row.assign(event_id="x-silent", notes="Adopted in New York.")
    elsewhere = row.assign(event_id="x-elsewhere", notes="Troops = 13,289. The mission was deployed in 2013.")
    assert troops_without_kind(pd.concat([silent, elsewhere])) == ["x-silent", "x-elsewhere"]


@pytest.mark.parametrize(
    ("event_id", "fatalities"),
    [("2019-03-23-ogossagou-massacre", 160), ("2019-09-30-boulkessi-mondoro-attacks", 40)],
)
def test_audited_death_tolls_are_the_most_cited(events, event_id, fatalities):
    row = events.set_index("event_id").loc[event_id]
    assert row["fatalities"] == fatalities


def test_ogossagou_notes_give_the_range(events):
    notes = events.set_index("event_id").loc["2019-03-23-ogossagou-massacre", "notes"]
    assert re.search(r"\b157 ?[-–] ?1[6-9]\d\b", notes), "notes give the range of tolls, from MINUSMA's 157 up"


def test_minusma_deaths_are_from_all_causes_with_the_hostile_act_figure(events):
    row = events.set_index("event_id").loc["2013-07-01-minusma-span"]
    assert row["fatalities"] == 311
    assert "all causes" in row["notes"] and "hostile acts" in row["notes"]


def test_minusma_resolutions_count_soldiers_not_police(events):
    """An authorised ceiling in `troops` is the military ceiling (13,289), never military plus police (15,209)."""
    resolutions = events[events["event_id"].str.contains(r"unsc-res-\d+-minusma") & events["troops"].notna()]
    assert len(resolutions) >= 10
    assert not resolutions["troops"].isin([12640, 12680, 15209]).any()
    assert (resolutions.set_index("event_id").loc["2016-06-29-unsc-res-2295-minusma", "troops"]) == 13289
    assert resolutions["notes"].str.contains("authorised ceiling").all()


def test_every_event_reads_in_french(events):
    """The French interface shows a French title and description for every event (written from the sources,
    not left to fall back on English)."""
    missing = events[(events["title_fr"] == "") | (events["description_fr"] == "")]["event_id"].tolist()
    assert missing == []
