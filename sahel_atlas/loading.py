"""Read and validate data/events.csv and data/actors.csv.

Every rule of the data dictionary (data/README.md) is checked here. A violation becomes a `Problem`
naming file, line, column, value and rule; rows with a problem are left out of the dataset, and the
app lists every problem in one panel. The files themselves are only ever read.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .codebook import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    CATEGORIES,
    DATA_CUTOFF,
    DATA_START,
    DATE_PRECISIONS,
    EVENT_COLUMNS,
    GEO_PRECISIONS,
    LIST_SEPARATOR,
    OPERATION_COLUMNS,
    REGIME_COLUMNS,
    REGIMES,
    SOURCE_SEPARATOR,
    SPAN_EARLIEST,
    STRENGTH_COLUMNS,
    STRENGTH_KINDS,
)

SITE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_ID_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
ISO_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED_EVENT_FIELDS = (
    "event_id",
    "start_date",
    "date_precision",
    "category",
    "title",
    "description",
    "actors",
    "countries",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "sources",
)
REQUIRED_ACTOR_FIELDS = ("actor", "type")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str

    def message(self) -> str:
        parts = [self.file + (f", line {self.line}" if self.line else "")]
        if self.column:
            parts.append(f"column `{self.column}`" + (f" value {self.value!r}" if self.value is not None else ""))
        return ": ".join([*parts, self.rule])


@dataclass
class Dataset:
    events: pd.DataFrame
    actors: pd.DataFrame
    operations: pd.DataFrame
    regimes: pd.DataFrame
    strength: pd.DataFrame
    metadata: dict
    problems: list[Problem] = field(default_factory=list)


def split_list(text: str, separator: str = LIST_SEPARATOR) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(separator) if item.strip())


def read_rows(path: Path, columns: tuple[str, ...]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """CSV rows with the line each starts on; problems of encoding, header and shape."""
    name = path.name
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return [], [Problem(name, None, None, None, "file not found")]
    except UnicodeDecodeError as error:
        return [], [Problem(name, None, None, None, f"not valid UTF-8 (byte {error.start})")]
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return [], [Problem(name, 1, None, None, "file is empty")]
    problems = [Problem(name, 1, c, None, "required column is missing") for c in columns if c not in header]
    problems += [Problem(name, 1, c, None, "unknown column") for c in header if c not in columns]
    if problems:
        return [], problems
    rows = []
    line = reader.line_num + 1
    for values in reader:
        if values and len(values) != len(header):
            problems.append(
                Problem(name, line, None, None, f"row has {len(values)} fields, the header has {len(header)}")
            )
        elif values:
            rows.append((line, dict(zip(header, values, strict=True))))
        line = reader.line_num + 1
    return rows, problems


def parse_date(text: str) -> date | None:
    if not ISO_DATE_PATTERN.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def is_source_url(text: str) -> bool:
    parts = urlsplit(text)
    # an archive's address may embed another URL; two addresses joined by a comma may not
    return parts.scheme in ("https", "http") and "." in parts.netloc and not re.search(r",\s*https?://", text)


def source_issues(sources: str) -> list[tuple[str, str, str]]:
    """The `sources` rule shared by events and regimes: URLs separated by single spaces."""
    rule = "must be http(s):// URLs separated by single spaces"
    issues = [] if sources == SOURCE_SEPARATOR.join(sources.split()) else [("sources", sources, rule)]
    return issues + [("sources", url, rule) for url in sources.split() if not is_source_url(url)]


def check_event(
    row: dict, known_actors: set, known_countries: set, known_operations: set
) -> list[tuple[str, str, str]]:
    """(column, value, rule) for every rule the row breaks."""
    issues = []
    for column in REQUIRED_EVENT_FIELDS:
        if not row[column].strip():
            issues.append((column, row[column], "must not be empty"))
    if row["event_id"] and not EVENT_ID_PATTERN.match(row["event_id"]):
        issues.append(("event_id", row["event_id"], "must be YYYY-MM-DD-slug in lowercase a-z, 0-9 and hyphens"))
    start = parse_date(row["start_date"])
    if row["start_date"] and start is None:
        issues.append(("start_date", row["start_date"], "must be a real date written YYYY-MM-DD"))
    end = parse_date(row["end_date"]) if row["end_date"] else None
    if row["end_date"] and end is None:
        issues.append(("end_date", row["end_date"], "must be empty or a real date written YYYY-MM-DD"))
    # A span (a base held since 1978, say) may begin before the scope; it must reach into it.
    earliest = SPAN_EARLIEST if end else DATA_START
    if start and not earliest <= start <= DATA_CUTOFF:
        issues.append(("start_date", row["start_date"], f"must lie between {earliest} and {DATA_CUTOFF}"))
    if end and not DATA_START <= end <= DATA_CUTOFF:
        issues.append(("end_date", row["end_date"], f"must lie between {DATA_START} and {DATA_CUTOFF}"))
    if start and end and end < start:
        issues.append(("end_date", row["end_date"], "must not be before start_date"))
    precision = row["date_precision"]
    if start and precision == "month" and start.day != 1:
        issues.append(("start_date", row["start_date"], "month precision: must be the first day of the month"))
    if start and precision == "year" and (start.month, start.day) != (1, 1):
        issues.append(("start_date", row["start_date"], "year precision: must be 1 January"))
    for column, vocabulary in (
        ("date_precision", DATE_PRECISIONS),
        ("category", CATEGORIES),
        ("geo_precision", GEO_PRECISIONS),
    ):
        if row[column] and row[column] not in vocabulary:
            issues.append((column, row[column], f"must be one of: {', '.join(vocabulary)}"))
    if row["site"] and not SITE_PATTERN.match(row["site"]):
        issues.append(("site", row["site"], "must be a slug in lowercase a-z, 0-9 and hyphens"))
    if row["category"] == "base":
        if not row["end_date"]:
            issues.append(("end_date", row["end_date"], "a base is a span: it needs an end_date"))
        if not row["site"]:
            issues.append(("site", row["site"], "a base needs a site (the facility it occupies)"))
    if row["operation"] and row["operation"] not in known_operations:
        issues.append(("operation", row["operation"], "unknown operation (not in operations.csv)"))
    for actor in split_list(row["actors"]):
        if actor not in known_actors:
            issues.append(("actors", actor, "unknown actor (not in actors.csv)"))
    for code in split_list(row["countries"]):
        if code not in known_countries:
            issues.append(("countries", code, "unknown ISO 3166-1 alpha-3 country code"))
    for column, limit in (("latitude", 90), ("longitude", 180)):
        try:
            number = float(row[column])
            if not -limit <= number <= limit:
                raise ValueError
        except ValueError:
            if row[column]:
                issues.append((column, row[column], f"must be a decimal number between -{limit} and {limit}"))
    for column in ("fatalities", "troops"):
        if row[column] and not row[column].isdigit():
            issues.append((column, row[column], "must be empty (unknown) or a whole number"))
    return issues + source_issues(row["sources"])


def check_actor(row: dict, known_countries: set) -> list[tuple[str, str, str]]:
    issues = [(c, row[c], "must not be empty") for c in REQUIRED_ACTOR_FIELDS if not row[c].strip()]
    if row["type"] and row["type"] not in ACTOR_TYPES:
        issues.append(("type", row["type"], f"must be one of: {', '.join(ACTOR_TYPES)}"))
    if row["country"] and row["country"] not in known_countries:
        issues.append(("country", row["country"], "unknown ISO 3166-1 alpha-3 country code"))
    return issues


def check_operation(row: dict, known_actors: set) -> list[tuple[str, str, str]]:
    issues = [(c, row[c], "must not be empty") for c in ("operation", "lead", "description") if not row[c].strip()]
    for actor in split_list(row["lead"]):
        if actor not in known_actors:
            issues.append(("lead", actor, "unknown actor (not in actors.csv)"))
    return issues


def check_regime(row: dict, known_countries: set, known_events: set) -> list[tuple[str, str, str]]:
    issues = [
        (c, row[c], "must not be empty")
        for c in ("country", "start_date", "end_date", "regime", "sources")
        if not row[c].strip()
    ]
    if row["country"] and row["country"] not in known_countries:
        issues.append(("country", row["country"], "unknown ISO 3166-1 alpha-3 country code"))
    start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
    for column, day in (("start_date", start), ("end_date", end)):
        if row[column] and day is None:
            issues.append((column, row[column], "must be a real date written YYYY-MM-DD"))
    if start and end and end < start:
        issues.append(("end_date", row["end_date"], "must not be before start_date"))
    if row["regime"] and row["regime"] not in REGIMES:
        issues.append(("regime", row["regime"], f"must be one of: {', '.join(REGIMES)}"))
    if row["began_with"] and row["began_with"] not in known_events:
        issues.append(("began_with", row["began_with"], "unknown event_id (not in events.csv)"))
    return issues + source_issues(row["sources"])


def check_strength(row: dict, known_actors: set) -> list[tuple[str, str, str]]:
    issues = [
        (c, row[c], "must not be empty")
        for c in ("date", "force", "scope", "troops", "kind", "source")
        if not row[c].strip()
    ]
    if row["date"] and parse_date(row["date"]) is None:
        issues.append(("date", row["date"], "must be a real date written YYYY-MM-DD"))
    if row["force"] and row["force"] not in known_actors:
        issues.append(("force", row["force"], "unknown actor (not in actors.csv)"))
    if row["troops"] and not row["troops"].isdigit():
        issues.append(("troops", row["troops"], "must be a whole number"))
    if row["kind"] and row["kind"] not in STRENGTH_KINDS:
        issues.append(("kind", row["kind"], f"must be one of: {', '.join(STRENGTH_KINDS)}"))
    if row["date_precision"] not in DATE_PRECISIONS:
        issues.append(("date_precision", row["date_precision"], f"must be one of: {', '.join(DATE_PRECISIONS)}"))
    if row["source"] and not is_source_url(row["source"]):
        issues.append(("source", row["source"], "must be one http(s):// URL"))
    return issues


def _validate(path: Path, columns, check, key: str | None) -> tuple[list[dict], list[Problem]]:
    rows, problems = read_rows(path, columns)
    valid, seen = [], {}
    for line, row in rows:
        issues = check(row)
        if key and row[key] in seen:
            issues.append((key, row[key], f"duplicate of line {seen[row[key]]}"))
        if key:
            seen.setdefault(row[key], line)
        problems += [Problem(path.name, line, column, value, rule) for column, value, rule in issues]
        if not issues:
            valid.append(row)
    return valid, problems


def load_dataset(data_dir: Path, known_countries: set) -> Dataset:
    """Validated events and actors; rows that break a rule are left out and reported."""
    actor_rows, problems = _validate(
        data_dir / "actors.csv", ACTOR_COLUMNS, lambda r: check_actor(r, known_countries), "actor"
    )
    known_actors = {row["actor"] for row in actor_rows}
    operation_rows, operation_problems = _validate(
        data_dir / "operations.csv",
        OPERATION_COLUMNS,
        lambda r: check_operation(r, known_actors),
        "operation",
    )
    problems += operation_problems
    known_operations = {row["operation"] for row in operation_rows}
    event_rows, event_problems = _validate(
        data_dir / "events.csv",
        EVENT_COLUMNS,
        lambda r: check_event(r, known_actors, known_countries, known_operations),
        "event_id",
    )
    regime_rows, regime_problems = _validate(
        data_dir / "regimes.csv",
        REGIME_COLUMNS,
        lambda r: check_regime(r, known_countries, {row["event_id"] for row in event_rows}),
        None,
    )
    strength_rows, strength_problems = _validate(
        data_dir / "troop_strength.csv", STRENGTH_COLUMNS, lambda r: check_strength(r, known_actors), None
    )
    metadata, metadata_problems = read_metadata(data_dir / "dataset.json")
    return Dataset(
        metadata=metadata,
        events=typed_events(event_rows),
        actors=pd.DataFrame(actor_rows, columns=list(ACTOR_COLUMNS)),
        operations=pd.DataFrame(operation_rows, columns=list(OPERATION_COLUMNS)),
        regimes=typed_regimes(regime_rows),
        strength=typed_strength(strength_rows),
        problems=metadata_problems + problems + event_problems + regime_problems + strength_problems,
    )


METADATA_KEYS = ("title", "version", "released", "cutoff", "licence", "publisher")


def read_metadata(path: Path) -> tuple[dict, list[Problem]]:
    """The dataset's title, version and cut-off (data/dataset.json); placeholders if it is unreadable."""
    fallback = dict.fromkeys(METADATA_KEYS, "unknown")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return fallback, [Problem(path.name, None, None, None, "file not found")]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return fallback, [Problem(path.name, None, None, None, f"not valid UTF-8 JSON ({error})")]
    missing = [key for key in METADATA_KEYS if not isinstance(metadata.get(key), str)]
    problems = [Problem(path.name, None, key, None, "required text field is missing") for key in missing]
    return {**fallback, **{k: v for k, v in metadata.items() if k not in missing}}, problems


def typed_regimes(rows: list[dict]) -> pd.DataFrame:
    regimes = pd.DataFrame(rows, columns=list(REGIME_COLUMNS))
    for column in ("start_date", "end_date"):
        regimes[column] = pd.to_datetime(regimes[column])
    return regimes.sort_values(["country", "start_date"], ignore_index=True)


def typed_strength(rows: list[dict]) -> pd.DataFrame:
    strength = pd.DataFrame(rows, columns=list(STRENGTH_COLUMNS))
    strength["date"] = pd.to_datetime(strength["date"])
    strength["troops"] = strength["troops"].astype(int)
    return strength.sort_values(["force", "date"], ignore_index=True)


def typed_events(rows: list[dict]) -> pd.DataFrame:
    """The validated rows with real types: dates, numbers, and tuples for the list columns."""
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    events["start_date"] = pd.to_datetime(events["start_date"])
    events["end_date"] = pd.to_datetime(events["end_date"].replace("", None))
    for column in ("latitude", "longitude"):
        events[column] = events[column].astype(float)
    for column in ("fatalities", "troops"):
        events[column] = pd.to_numeric(events[column].replace("", None)).astype("Int64")
    events["actor_list"] = events["actors"].map(split_list)
    events["country_list"] = events["countries"].map(split_list)
    return events.sort_values(["start_date", "event_id"], ignore_index=True)
