"""Two dates compared: what was in place on each (bases, operations, regimes) and what changed in between.

Built on the as-of snapshot (export.as_of_snapshot), so that the comparison says exactly what the two as-of
downloads would show, and on the point events of the record between the two dates.
"""

from collections.abc import Mapping
from datetime import date

import pandas as pd

from .export import as_of_snapshot
from .i18n import REGIME_LABELS, category_label, colon, format_date, format_number, t

# One row per change: when it happened, its kind, the country, what changed (a base's place, an operation, a
# country's government, an event's title), before and after, the record's event and its sources.
CHANGE_COLUMNS = ("date", "change", "country", "subject", "before", "after", "event_id", "sources")
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


def _iso(value) -> str:
    return "" if pd.isna(value) or value == "" else str(value)


def changes_between(events: pd.DataFrame, regimes: pd.DataFrame, first: date, second: date) -> pd.DataFrame:
    """What changed from `first` to `second` (given in either order), as rows of CHANGE_COLUMNS sorted by date:
    - "base changed holder": a base (its `site`, else its place) held on both days by different holders
      (date: the later holder's start); "base left" / "base taken up": held on one day only (date: the span's
      end or start);
    - "operation ended" / "operation began": under way on one day only;
    - "regime changed": a country's regime or leader differs (date: the later period's start); before and after
      read "regime: leader";
    - "event": each point event after the earlier day, up to and including the later one.
    `events`: the loader's events (the filtered selection); `regimes`: the loader's regime periods."""
    first, second = sorted((first, second))
    events = events.assign(site=events["site"].where(events["site"].ne(""), events["location"]))
    rows = []
    snapshots = [as_of_snapshot(events, regimes, day) for day in (first, second)]
    spans = events.set_index("event_id")

    def by(kind: str, snapshot: pd.DataFrame, key) -> dict:
        return {key(row): row for _, row in snapshot[snapshot["kind"] == kind].iterrows()}

    def change(kind: str, row: pd.Series, when: str, before: str = "", after: str = "", subject: str = "") -> None:
        """A change read from a snapshot row, dated by its `when` column ("since" or "until")."""
        rows.append(
            (row[when], kind, row["country"], subject or row["name"], before, after, row["event_id"], row["sources"])
        )

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
        if key in before:
            change("operation ended", before[key], "until", before=before[key]["held_by"])
        else:
            change("operation began", after[key], "since", after=after[key]["held_by"])
    before, after = (by("regime", snapshot, lambda row: row["country"]) for snapshot in snapshots)
    for country in sorted(before.keys() & after.keys()):
        old, new = before[country], after[country]
        if (old["name"], old["held_by"]) != (new["name"], new["held_by"]):
            was, now = f"{old['name']}: {old['held_by']}", f"{new['name']}: {new['held_by']}"
            change("regime changed", new, "since", was, now, subject=country)
    between = events[
        events["end_date"].isna()
        & (events["start_date"] > pd.Timestamp(first))
        & (events["start_date"] <= pd.Timestamp(second))
    ]
    columns = ("start_date", "country_list", "title", "category", "event_id", "sources")
    rows += [
        (day.date().isoformat(), "event", countries[0], title, "", category, event_id, sources)
        for day, countries, title, category, event_id, sources in zip(*(between[c] for c in columns), strict=True)
    ]
    changes = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    changes["date"] = changes["date"].map(_iso)
    order = changes["change"].map({kind: i for i, kind in enumerate(CHANGE_ORDER)})
    return changes.assign(_order=order).sort_values(["date", "_order", "subject"]).drop(columns="_order")


def change_sentences(
    changes: pd.DataFrame, lang: str, country_names: Mapping[str, str], actor_names: Mapping[str, str]
) -> list[str]:
    """Each change but the events as a plain sentence in `lang` ("Gossi base: France → Wagner Group on 19 Apr
    2022"), countries and actors named in `lang` (`country_names`, `actor_names`), then one sentence counting the
    events by category. Plain text: the caller escapes it for its context."""

    def regime(value: str) -> str:
        name, leader = value.split(": ", 1)
        return f"{REGIME_LABELS[lang].get(name, name)} ({leader})"

    def actor(value: str) -> str:
        return actor_names.get(value, value)

    sentences = []
    for _, c in changes[changes["change"] != "event"].iterrows():
        when = format_date(date.fromisoformat(c["date"]), lang) if c["date"] else ""
        if c["change"] == "regime changed":
            place, before, after = (
                country_names.get(c["country"], c["country"]),
                regime(c["before"]),
                regime(c["after"]),
            )
        else:
            place, before, after = c["subject"], actor(c["before"]), actor(c["after"])
        sentences.append(t(SENTENCES[c["change"]], lang, place=place, before=before, after=after, day=when))
    points = changes[changes["change"] == "event"]
    if not points.empty:
        counts = points["after"].value_counts()
        parts = ", ".join(f"{category_label(c, lang)}{colon(lang)} {format_number(n, lang)}" for c, n in counts.items())
        sentences.append(t("cmp_events", lang, count=format_number(len(points), lang), categories=parts))
    return sentences
