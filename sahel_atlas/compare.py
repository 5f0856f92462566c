"""Two dates compared: what was in place on each (bases, operations, regimes) and what changed in between.

Built on the as-of snapshot (export.as_of_snapshot), so that the comparison says exactly what the two as-of
downloads would show, and on the point events of the record between the two dates.
"""

from collections.abc import Mapping
from datetime import date

import pandas as pd

from .export import as_of_snapshot
from .i18n import REGIME_LABELS, category_label, colon, format_date, format_number, t

# One row per change: when it happened (and how precisely that is known), its kind, the country, what changed (a
# base's place, an operation's title, a country's code, an event's title), before and after, the record's event
# and its sources.
CHANGE_COLUMNS = ("date", "date_precision", "change", "country", "subject", "before", "after", "event_id", "sources")
# Each change but the events -> the catalogue key of its sentence, in the order changes of one day are listed.
SENTENCES = {
    "regime changed": "cmp_regime_changed",
    "base changed holder": "cmp_base_changed_holder",
    "base left": "cmp_base_left",
    "base taken up": "cmp_base_taken_up",
    "operation ended": "cmp_operation_ended",
    "operation began": "cmp_operation_began",
}
CHANGE_ORDER = (*SENTENCES, "event")


def regimes_in(regimes: pd.DataFrame, events: pd.DataFrame, countries: tuple[str, ...] = ()) -> pd.DataFrame:
    """The regime periods of the selection's countries: `countries` (the country filter) if given, else every
    country the selected `events` name; none for an empty selection."""
    named = set(countries) or {code for codes in events["country_list"] for code in codes}
    return regimes[regimes["country"].isin(named)]


def changes_between(events: pd.DataFrame, regimes: pd.DataFrame, first: date, second: date) -> pd.DataFrame:
    """What changed from `first` to `second` (given in either order), as rows of CHANGE_COLUMNS sorted by date:
    - "base changed holder": a base (its `site`, else its place) held on both days by different holders
      (dated by the later holder's start); "base left" / "base taken up": held on one day only (dated by the
      span's end or start);
    - "operation ended" / "operation began": a deployment span under way on one day only;
    - "regime changed": every regime period that began after the earlier day, up to the later one, from the
      period before it (so a coup between two dates shows even if a later period followed); before and after
      read "regime: leader";
    - "event": each point event after the earlier day, up to and including the later one.
    A date is as precise as the record knows it: a start keeps its event's `date_precision`, an end is a day.
    `events`: the loader's events (the selection); `regimes`: the loader's regime periods (see `regimes_in`)."""
    first, second = sorted((first, second))
    events = events.assign(site=events["site"].where(events["site"].ne(""), events["location"]))
    spans = events.set_index("event_id")
    snapshots = [as_of_snapshot(events, regimes.iloc[0:0], day) for day in (first, second)]
    rows = []

    def by(kind: str, snapshot: pd.DataFrame, key) -> dict:
        return {key(row): row for _, row in snapshot[snapshot["kind"] == kind].iterrows()}

    def change(kind: str, row: pd.Series, when: str, before: str = "", after: str = "", subject: str = "") -> None:
        """A change read from a snapshot row, dated by its `when` column ("since" or "until")."""
        precision = spans.at[row["event_id"], "date_precision"] if when == "since" else "day"
        subject = subject or row["name"]
        rows.append(
            dict(date=row[when], date_precision=precision, change=kind, country=row["country"], subject=subject)
        )
        rows[-1].update(before=before, after=after, event_id=row["event_id"], sources=row["sources"])

    before, after = (by("base", snapshot, lambda row: spans.at[row["event_id"], "site"]) for snapshot in snapshots)
    for place in sorted(before.keys() | after.keys()):
        old, new = before.get(place), after.get(place)
        if old is None:
            change("base taken up", new, "since", after=new["held_by"])
        elif new is None:
            change("base left", old, "until", before=old["held_by"])
        elif old["held_by"] != new["held_by"]:
            change("base changed holder", new, "since", old["held_by"], new["held_by"])
    before, after = (by("operation", snapshot, lambda row: row["event_id"]) for snapshot in snapshots)
    for key in sorted(before.keys() ^ after.keys()):
        title = spans.at[key, "title"]
        if key in before:
            change("operation ended", before[key], "until", before=before[key]["held_by"], subject=title)
        else:
            change("operation began", after[key], "since", after=after[key]["held_by"], subject=title)
    periods = regimes.sort_values(["country", "start_date"])
    for country, group in periods.groupby("country"):
        reads = [f"{regime}: {leader}" for regime, leader in zip(group["regime"], group["leader"], strict=True)]
        for position, (_, period) in enumerate(group.iterrows()):
            if pd.Timestamp(first) < period["start_date"] <= pd.Timestamp(second):
                day = period["start_date"].date().isoformat()
                rows.append(dict(date=day, date_precision="day", change="regime changed", country=country))
                rows[-1].update(subject=country, before=reads[position - 1] if position else "", after=reads[position])
                rows[-1].update(event_id=period["began_with"], sources=period["sources"])
    between = events[
        events["end_date"].isna()
        & (events["start_date"] > pd.Timestamp(first))
        & (events["start_date"] <= pd.Timestamp(second))
    ]
    points = pd.DataFrame(
        {
            "date": between["start_date"].dt.strftime("%Y-%m-%d"),
            "date_precision": between["date_precision"],
            "change": "event",
            "country": between["country_list"].str[0],
            "subject": between["title"],
            "before": "",
            "after": between["category"],
            "event_id": between["event_id"],
            "sources": between["sources"],
        }
    )
    changes = pd.concat([pd.DataFrame(rows, columns=list(CHANGE_COLUMNS)), points], ignore_index=True)
    order = changes["change"].map({kind: i for i, kind in enumerate(CHANGE_ORDER)})
    return changes.assign(_order=order).sort_values(["date", "_order", "subject"]).drop(columns="_order")


def change_sentences(
    changes: pd.DataFrame,
    lang: str,
    country_names: Mapping[str, str],
    actor_names: Mapping[str, str],
    titles: Mapping[str, str],
) -> list[str]:
    """Each change but the events as a plain sentence in `lang` ("Gossi base: France → Wagner Group, 19 Apr 2022"),
    dated as precisely as the record knows ("2021", "Dec 2021"), countries, actors and operations named in `lang`
    (`country_names`, `actor_names`, `titles`: event id -> title), then one sentence counting the events by
    category. Plain text: the caller escapes it for its context."""

    def regime(value: str) -> str:
        if not value:
            return "?"
        name, leader = value.split(": ", 1)
        return f"{REGIME_LABELS[lang].get(name, name)} ({leader})"

    def actor(value: str) -> str:
        return actor_names.get(value, value)

    sentences = []
    for _, c in changes[changes["change"] != "event"].iterrows():
        when = format_date(date.fromisoformat(c["date"]), lang, c["date_precision"])
        if c["change"] == "regime changed":
            place, before, after = (
                country_names.get(c["country"], c["country"]),
                regime(c["before"]),
                regime(c["after"]),
            )
        elif c["change"].startswith("operation"):
            place, before, after = titles.get(c["event_id"], c["subject"]), actor(c["before"]), actor(c["after"])
        else:
            place, before, after = c["subject"], actor(c["before"]), actor(c["after"])
        sentences.append(t(SENTENCES[c["change"]], lang, place=place, before=before, after=after, day=when))
    points = changes[changes["change"] == "event"]
    if not points.empty:
        counts = points["after"].value_counts()
        parts = ", ".join(f"{category_label(c, lang)}{colon(lang)} {format_number(n, lang)}" for c, n in counts.items())
        sentences.append(t("cmp_events", lang, count=format_number(len(points), lang), categories=parts))
    return sentences
