"""Read and validate the files of data/ (events, actors, operations, regimes, troop strength, dataset.json).

Every rule of the data dictionary (data/README.md) is checked here, and nothing in data/ makes loading
raise. A violation becomes a `Problem` naming file, line, column, value and rule. What it costs:
- a bad cell costs its row, a bad row itself (severity "error": the row is left out);
- a file that cannot be used (missing, neither UTF-8 nor Windows-1252, no usable header, no rows)
  costs that file only: the other files are still loaded, and references into it are not checked;
- what can be read safely is read and reported (severity "warning": the rows are kept) — a byte-order
  mark is accepted silently; a Windows-1252 file, a missing optional column, an unknown column, a
  header name with stray spaces or invisible characters, a missing note.
The app lists every problem in one panel. The files themselves are only ever read.
"""

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .codebook import (
    ACTOR_COLUMNS,
    ACTOR_TYPES,
    CATEGORIES,
    COUNT_COLUMNS,
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
from .geography import km_outside_countries

ERROR, WARNING = "error", "warning"
MAX_FILE_BYTES = 250_000_000  # about 150,000 events as long as the shipped ones (bench/bench_scale.py loads 100,000)
MAX_FIELD_CHARS = 5_000  # the longest field of the shipped data is under 1,000 characters
BORDER_TOLERANCE_KM = 25
ONGOING_NOTE = "ongoing at the dataset's cut-off"
# ASCII only ([0-9], not \d, which also matches '²', '１' or '٣'); always used with fullmatch.
SITE_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EVENT_ID_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*")
ISO_DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_NUMBER_PATTERN = re.compile(r"[0-9]{1,7}")
DECIMAL_PATTERN = re.compile(r"-?[0-9]{1,3}(?:\.[0-9]+)?")
# Control characters, except the line break a spreadsheet writes inside a cell (Alt+Enter).
CONTROL_PATTERN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# A spreadsheet runs a cell that starts like this as a formula (OWASP "CSV injection"); downloads keep values
# exact, so such a text may not enter the data at all. A signed number ('-12.5') is not text.
CSV_FIELD_LIMIT = 131_072  # characters: Python's default, whatever another library set
FORMULA_PATTERN = re.compile(r"[=+\-@]")
SIGNED_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
WHOLE_NUMBER_RULE = "a whole number written with the digits 0-9 (at most 7)"

EVENTS, ACTORS, OPERATIONS, REGIMES_FILE, STRENGTH, METADATA = (
    "events.csv",
    "actors.csv",
    "operations.csv",
    "regimes.csv",
    "troop_strength.csv",
    "dataset.json",
)
# Required columns: a file without one of them is left out; every row must fill them.
REQUIRED = {
    EVENTS: (
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
    ),
    ACTORS: ("actor", "type"),
    OPERATIONS: ("operation", "lead", "description"),
    REGIMES_FILE: ("country", "start_date", "end_date", "regime", "sources"),
    STRENGTH: ("date", "force", "scope", "troops", "kind", "date_precision", "source"),
}
METADATA_KEYS = ("title", "version", "released", "cutoff", "licence", "publisher")


def shown(text: str) -> str:
    """`text` quoted so that invisible characters show: '\\ufeffevent_id', 'a\\xa0b', 'x\\t'; long text cut."""
    if len(text) > 80:
        return f"{text[:60]!r}… ({len(text):,} characters)"
    return repr(text)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    severity: str = ERROR  # ERROR: the row (or, without a line, the file) is left out; WARNING: it is kept

    def message(self) -> str:
        """One readable line: 'events.csv, line 4: column `fatalities` value '²': must be …'."""
        parts = [self.file + (f", line {self.line}" if self.line else "")]
        if self.column is not None:
            plain = self.column.isprintable() and self.column == self.column.strip() and "`" not in self.column
            name = f"`{self.column}`" if plain and self.column else shown(self.column)
            parts.append(f"column {name}" + (f" value {shown(self.value)}" if self.value is not None else ""))
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


@dataclass
class Table:
    """The valid rows of one file, each with the line it starts on, and the keys of rows left out."""

    name: str
    rows: list[tuple[int, dict]] | None  # None: the file could not be read
    problems: list[Problem]
    left_out: dict[str, int] = field(default_factory=dict)  # key -> line, for keys without a valid row

    def names(self, key: str) -> set | None:
        """Every key the file holds, in valid rows or not (references to it are valid); None: unreadable."""
        return None if self.rows is None else {row[key] for _, row in self.rows} | set(self.left_out)

    def records(self) -> list[dict]:
        return [row for _, row in self.rows or []]


def split_list(text: str, separator: str = LIST_SEPARATOR) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(separator) if item.strip())


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text with line breaks as '\\n'; None (and why) if it cannot be read.

    UTF-8, with or without a byte-order mark; otherwise Windows-1252 (which includes Latin-1's letters),
    with a warning; a file that is neither is left out.
    """
    name = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None, [Problem(name, None, None, None, f"larger than {MAX_FILE_BYTES:,} bytes: file left out")]
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, None, None, "file not found")]
    except OSError as error:
        return None, [Problem(name, None, None, None, f"cannot be read ({error.strerror or 'OS error'})")]
    problems = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        where = f"byte 0x{data[error.start]:02X} on line {line}"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None, [Problem(name, line, None, None, f"neither UTF-8 nor Windows-1252 ({where}): file left out")]
        rule = f"not UTF-8 ({where}): read as Windows-1252; save it as UTF-8"
        problems.append(Problem(name, line, None, None, rule, WARNING))
    del data  # a large file is held once, not twice
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


def clean_name(cell: str) -> str:
    """A header cell without format characters (zero-width space, BOM), outer spaces (NBSP too) or capitals."""
    return "".join(c for c in cell if unicodedata.category(c) != "Cf").strip().lower()


def read_header(name: str, header: list[str], columns: tuple, required: tuple) -> tuple[dict, list[Problem]]:
    """Column -> positions in the header, and what is wrong with it (errors: the file is left out)."""
    positions, problems, unknown = {}, [], set()
    for index, cell in enumerate(header):
        column = clean_name(cell)
        if column not in columns and cell not in unknown:
            unknown.add(cell)
            problems.append(Problem(name, 1, cell, None, "unknown column: ignored", WARNING))
        if column not in columns:
            continue
        if column != cell:
            problems.append(Problem(name, 1, cell, None, f"stray characters in the name: read as `{column}`", WARNING))
        positions.setdefault(column, []).append(index)
    for column, indexes in positions.items():
        if len(indexes) > 1:
            rule = f"appears {len(indexes)} times: rows where the copies differ are left out"
            problems.append(Problem(name, 1, column, None, rule, WARNING))
    for column in columns:
        if column not in positions and column in required:
            problems.append(Problem(name, 1, column, None, "required column is missing: file left out"))
        elif column not in positions:
            problems.append(Problem(name, 1, column, None, "optional column is missing: read as empty", WARNING))
    return positions, problems


def csv_rule(error: csv.Error, first: int, last: int) -> str:
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    if "field larger than field limit" in str(error):
        return f"a field is longer than {MAX_FIELD_CHARS:,} characters: {lines} left out"
    if "unexpected end of data" in str(error):
        return f"a quoted field is never closed: {lines} left out"
    return f"not valid CSV ({error}): {lines} left out"


def cell_issues(row: dict) -> list[tuple]:
    """(column, value, rule) for the cells too long, holding a control character or starting like a
    spreadsheet formula."""
    issues = []
    for column, value in row.items():
        if len(value) > MAX_FIELD_CHARS:
            issues.append((column, value, f"longer than {MAX_FIELD_CHARS:,} characters"))
        elif match := CONTROL_PATTERN.search(value):
            issues.append((column, value, f"contains the control character {match.group()!r} (only a line break may)"))
        elif FORMULA_PATTERN.match(value) and not SIGNED_NUMBER.fullmatch(value.strip()):
            issues.append((column, value, "starts with =, +, - or @: a spreadsheet would run it as a formula"))
    return issues


@contextmanager
def csv_field_limit(limit: int) -> Iterator[None]:
    """The csv module's field size limit is global state (a library may raise it on import, as frictionless
    does): the reader uses its own for a file, then puts the previous one back."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> tuple[list | None, list[Problem]]:
    """CSV rows as (line the row starts on, {column: value}, (column, value, rule) for cells too long or
    holding control characters), and the problems of encoding, header and shape (rows not even split
    into cells are reported and left out). The rows are None if the file is left out. A field longer than
    CSV_FIELD_LIMIT characters costs its row before it is even split into cells."""
    with csv_field_limit(CSV_FIELD_LIMIT):
        return _read_rows(path, columns, required)


def _read_rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> tuple[list | None, list[Problem]]:
    name = path.name
    text, problems = read_text(path)
    if text is None:
        return None, problems
    reader = csv.reader(lines(text), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        return None, [*problems, Problem(name, 1, None, None, f"the header cannot be read ({error}): file left out")]
    if header is None:
        return None, [*problems, Problem(name, None, None, None, "file is empty")]
    positions, header_problems = read_header(name, header, columns, required)
    problems += header_problems
    if any(p.severity == ERROR for p in header_problems):
        return None, problems
    empty = dict.fromkeys(columns, "")  # missing optional columns
    fields = [(column, indexes[0]) for column, indexes in positions.items()]
    copies = [(column, i, indexes[0]) for column, indexes in positions.items() for i in indexes[1:]]
    has_control = CONTROL_PATTERN.search(text) is not None  # else no row needs the per-cell search
    rows, records = [], 0
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(name, line, None, None, csv_rule(error, line, reader.line_num)))
            continue
        records += bool(values)
        if values and len(values) != len(header):
            problems.append(
                Problem(name, line, None, None, f"row has {len(values)} fields, the header has {len(header)}")
            )
        elif values:
            row = empty | {column: values[i] for column, i in fields}
            issues = [
                (c, values[i], f"differs from the first `{c}` column")
                for c, i, first in copies
                if values[i] != values[first]
            ]
            suspect = any(value[:1] in "=+-@" for value in values) or max(map(len, values)) > MAX_FIELD_CHARS
            if suspect or (has_control and CONTROL_PATTERN.search("".join(values))):
                issues += cell_issues(row)
            rows.append((line, row, issues))
    if not records:  # a truncated save, most likely: references into it are not checked
        return None, [*problems, Problem(name, None, None, None, "the file has a header but no rows")]
    return rows, problems


def lines(text: str) -> Iterator[str]:
    """The lines of `text` (line breaks '\n', as read_text gives them), each with its break, one at a time: unlike
    io.StringIO, no second copy of the whole file (at 100,000 events, hundreds of MB)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        yield text[start:end]
        start = end


def parse_date(text: str) -> date | None:
    if not ISO_DATE_PATTERN.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def is_source_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed '[' in the host
        return False
    # an archive's address may embed another URL; two addresses joined by a comma may not
    return parts.scheme in ("https", "http") and "." in parts.netloc and not re.search(r",\s*https?://", text)


def source_issues(sources: str) -> list[tuple[str, str, str]]:
    """The `sources` rule shared by events and regimes: URLs separated by single spaces."""
    rule = "must be http(s):// URLs separated by single spaces"
    issues = [] if sources == SOURCE_SEPARATOR.join(sources.split()) else [("sources", sources, rule)]
    return issues + [("sources", url, rule) for url in sources.split() if not is_source_url(url)]


def reference_issues(column: str, names: tuple[str, ...], known: set | None, rule: str) -> list[tuple]:
    """Names not in `known`; nothing if `known` is None (its file could not be read)."""
    return [] if known is None else [(column, name, rule) for name in names if name not in known]


def date_issues(row: dict, column: str, earliest: date, latest: date) -> list[tuple]:
    day = parse_date(row[column])
    if row[column] and day is None:
        return [(column, row[column], "must be a real date written YYYY-MM-DD")]
    if day and not earliest <= day <= latest:
        return [(column, row[column], f"must lie between {earliest} and {latest}")]
    return []


def check_event(row: dict, known_actors: set | None, known_countries: set, known_operations: set | None) -> list[tuple]:
    """(column, value, rule[, severity]) for every rule the row breaks."""
    issues = []
    if row["event_id"] and not EVENT_ID_PATTERN.fullmatch(row["event_id"]):
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
    if row["end_date"] and ONGOING_NOTE in row["notes"]:
        rule = f'notes say "{ONGOING_NOTE}": a span still running keeps an empty end_date'
        issues.append(("end_date", row["end_date"], rule))
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
    if row["geo_precision"] == "region" and not row["notes"].strip():
        issues.append(("notes", "", "region precision: notes must name the town that stands in (row kept)", WARNING))
    if row["site"] and not SITE_PATTERN.fullmatch(row["site"]):
        issues.append(("site", row["site"], "must be a slug in lowercase a-z, 0-9 and hyphens"))
    if row["category"] == "base":
        if not row["end_date"] and ONGOING_NOTE not in row["notes"]:
            rule = f'a base is a span: it needs an end_date, or notes saying "{ONGOING_NOTE}"'
            issues.append(("end_date", row["end_date"], rule))
        if not row["site"]:
            issues.append(("site", row["site"], "a base needs a site (the facility it occupies)"))
    actors, countries = split_list(row["actors"]), split_list(row["countries"])
    issues += list_issues(row, {"actors": actors, "countries": countries})
    operation = (row["operation"],) if row["operation"] else ()
    issues += reference_issues("operation", operation, known_operations, "unknown operation (not in operations.csv)")
    issues += reference_issues("actors", actors, known_actors, "unknown actor (not in actors.csv)")
    issues += reference_issues("countries", countries, known_countries, "unknown ISO 3166-1 alpha-3 country code")
    for column, limit in (("latitude", 90), ("longitude", 180)):
        text = row[column]
        if text and not (DECIMAL_PATTERN.fullmatch(text) and -limit <= float(text) <= limit):
            issues.append((column, text, f"must be a decimal number between -{limit} and {limit}, written like -12.5"))
    for column in COUNT_COLUMNS:
        if row[column] and not WHOLE_NUMBER_PATTERN.fullmatch(row[column]):
            issues.append((column, row[column], f"must be empty (unknown) or {WHOLE_NUMBER_RULE}"))
    issues += fatality_range_issues(row)
    if row["troops"] and not row["notes"].strip():
        rule = "a troops figure: notes must say whether it is a deployed strength, a ceiling or a peak (row kept)"
        issues.append(("notes", "", rule, WARNING))
    return issues + source_issues(row["sources"])


def fatality_range_issues(row: dict) -> list[tuple]:
    """UCDP's convention: `fatalities` is the best figure; where sources disagree, `fatalities_low` and
    `fatalities_high` give the lowest and highest reported, both together, with low <= best <= high."""
    low, high, best = row["fatalities_low"], row["fatalities_high"], row["fatalities"]
    numbers = [WHOLE_NUMBER_PATTERN.fullmatch(value) for value in (low, high, best)]
    if not (low or high):
        return []
    if not (low and high):
        column = "fatalities_high" if low else "fatalities_low"
        return [(column, "", "a range needs both fatalities_low and fatalities_high")]
    if not best:
        return [("fatalities", "", "a range needs a best figure in fatalities")]
    if all(numbers) and not int(low) <= int(best) <= int(high):
        return [("fatalities", best, f"the best figure must lie in the range {low}-{high}")]
    return []


def placed_outside(rows: list[tuple[int, dict]], country_shapes: dict) -> list[tuple]:
    """(line, column, value, rule) for events whose point lies farther than the tolerance outside their
    first country's polygon, or whose first country has no polygon on the map."""
    countries = [split_list(row["countries"])[0] for _, row in rows]
    km = km_outside_countries(
        country_shapes,
        countries,
        [float(row["longitude"]) for _, row in rows],
        [float(row["latitude"]) for _, row in rows],
    )
    issues = []
    for (line, row), country, distance in zip(rows, countries, km, strict=True):
        if country not in country_shapes:
            rule = "the first country is where the event took place: it must be a country on the map"
            issues.append((line, "countries", country, rule))
        elif distance > BORDER_TOLERANCE_KM:
            point = f"{row['latitude']}, {row['longitude']}"
            rule = f"lies {distance:,.0f} km outside {country}, the first country (tolerance {BORDER_TOLERANCE_KM} km)"
            issues.append((line, "latitude, longitude", point, rule + "; latitude and longitude swapped?"))
    return issues


def site_overlaps(rows: list[tuple[int, dict]]) -> list[tuple]:
    """(line, column, value, rule) for base spans starting before the previous holder of their site left."""
    bases = sorted((row["site"], row["start_date"], line, row) for line, row in rows if row["category"] == "base")
    issues = []
    for (site, _, before_line, before), (next_site, _, line, after) in pairwise(bases):
        if site == next_site and after["start_date"] < before["end_date"]:
            rule = f"starts before the span on line {before_line} at site {site} ends ({before['end_date']})"
            issues.append((line, "start_date", after["start_date"], rule))
    return issues


def name_issues(row: dict, column: str) -> list[tuple]:
    """A name other rows refer to must not hold invisible characters or outer spaces: they would not match."""
    name = row[column]
    if name != name.strip() or any(unicodedata.category(c) in ("Cf", "Zs") and c != " " for c in name):
        return [(column, name, "invisible characters or outer spaces in a name other rows refer to")]
    return []


def check_actor(row: dict, known_countries: set) -> list[tuple]:
    issues = name_issues(row, "actor")
    if row["type"] and row["type"] not in ACTOR_TYPES:
        issues.append(("type", row["type"], f"must be one of: {', '.join(ACTOR_TYPES)}"))
    if row["country"] and row["country"] not in known_countries:
        issues.append(("country", row["country"], "unknown ISO 3166-1 alpha-3 country code"))
    return issues


def list_issues(row: dict, lists: dict[str, tuple[str, ...]]) -> list[tuple]:
    """A filled `;`-separated column (its `split_list` in `lists`) must name something, not `;` alone."""
    return [(c, row[c], "must hold at least one name") for c, names in lists.items() if row[c].strip() and not names]


def check_operation(row: dict, known_actors: set | None) -> list[tuple]:
    leads = split_list(row["lead"])
    return (
        name_issues(row, "operation")
        + list_issues(row, {"lead": leads})
        + reference_issues("lead", leads, known_actors, "unknown actor (not in actors.csv)")
    )


def check_regime(row: dict, known_countries: set, known_events: set | None, event_starts: dict) -> list[tuple]:
    """`event_starts`: event_id -> start_date of the valid events (a period starts on its `began_with`'s day)."""
    issues = []
    if row["country"] and row["country"] not in known_countries:
        issues.append(("country", row["country"], "unknown ISO 3166-1 alpha-3 country code"))
    issues += date_issues(row, "start_date", DATA_START, DATA_CUTOFF)
    issues += date_issues(row, "end_date", DATA_START, DATA_CUTOFF)
    start, end = parse_date(row["start_date"]), parse_date(row["end_date"])
    if start and end and end < start:
        issues.append(("end_date", row["end_date"], "must not be before start_date"))
    if row["regime"] and row["regime"] not in REGIMES:
        issues.append(("regime", row["regime"], f"must be one of: {', '.join(REGIMES)}"))
    began_with = (row["began_with"],) if row["began_with"] else ()
    issues += reference_issues("began_with", began_with, known_events, "unknown event_id (not in events.csv)")
    day = event_starts.get(row["began_with"])
    if day and row["start_date"] != day:
        issues.append(("start_date", row["start_date"], f"must be the start_date of its began_with event, {day}"))
    return issues + source_issues(row["sources"])


def regime_coverage(rows: list[tuple[int, dict]]) -> list[tuple]:
    """(line, column, value, rule[, severity]): each country's periods must run from the start of the scope
    to the cut-off without overlap (the later period is left out) or gap (reported, kept)."""
    periods = sorted((row["country"], row["start_date"], line, row) for line, row in rows)
    issues = []
    for country in dict.fromkeys(country for country, *_ in periods):
        own = [(line, row) for c, _, line, row in periods if c == country]
        first, last = own[0], own[0]
        if first[1]["start_date"] != DATA_START.isoformat():
            rule = f"{country}'s first period must start on {DATA_START} (row kept)"
            issues.append((first[0], "start_date", first[1]["start_date"], rule, WARNING))
        for line, row in own[1:]:
            after = date.fromisoformat(last[1]["end_date"]) + timedelta(days=1)
            start = date.fromisoformat(row["start_date"])
            if start < after:
                rule = f"overlaps the period on line {last[0]} (until {last[1]['end_date']})"
                issues.append((line, "start_date", row["start_date"], rule))
                continue
            if start > after:
                rule = f"leaves a gap after the period on line {last[0]}: must be {after} (row kept)"
                issues.append((line, "start_date", row["start_date"], rule, WARNING))
            last = (line, row)
        if last[1]["end_date"] != DATA_CUTOFF.isoformat():
            rule = f"{country}'s last period must end on {DATA_CUTOFF} (row kept)"
            issues.append((last[0], "end_date", last[1]["end_date"], rule, WARNING))
    return issues


def check_strength(row: dict, known_actors: set | None, known_countries: set) -> list[tuple]:
    issues = date_issues(row, "date", DATA_START, DATA_CUTOFF)
    force = (row["force"],) if row["force"] else ()
    issues += reference_issues("force", force, known_actors, "unknown actor (not in actors.csv)")
    countries = split_list(row["countries"])
    issues += list_issues(row, {"countries": countries})
    issues += reference_issues("countries", countries, known_countries, "unknown ISO 3166-1 alpha-3 country code")
    if row["troops"] and not WHOLE_NUMBER_PATTERN.fullmatch(row["troops"]):
        issues.append(("troops", row["troops"], f"must be {WHOLE_NUMBER_RULE}"))
    if row["kind"] and row["kind"] not in STRENGTH_KINDS:
        issues.append(("kind", row["kind"], f"must be one of: {', '.join(STRENGTH_KINDS)}"))
    if row["date_precision"] and row["date_precision"] not in DATE_PRECISIONS:
        issues.append(("date_precision", row["date_precision"], f"must be one of: {', '.join(DATE_PRECISIONS)}"))
    if row["source"] and not is_source_url(row["source"]):
        issues.append(("source", row["source"], "must be one http(s):// URL"))
    return issues


def validate(
    path: Path,
    columns: tuple[str, ...],
    check: Callable[[dict], list[tuple]],
    key: str | None,
    across: tuple[Callable[[list], list[tuple]], ...] = (),
) -> Table:
    """The file's valid rows. `check` gives a row's (column, value, rule[, severity]); each of `across`
    gives (line, column, value, rule[, severity]) for rules between rows, applied to the rows still valid."""
    name = path.name
    rows, problems = read_rows(path, columns, REQUIRED[name])
    if rows is None:
        return Table(name, None, problems)
    valid, seen = [], {}
    for line, row, cell_issues in rows:
        if cell_issues:  # a cell too long or holding a control character: its other rules are not checked
            issues = list(cell_issues)
        else:
            issues = [(c, row[c], "must not be empty") for c in REQUIRED[name] if not row[c].strip()] + check(row)
        if key and row[key] in seen:
            issues.append((key, row[key], f"duplicate of line {seen[row[key]]}"))
        if key:
            seen.setdefault(row[key], line)
        row_problems = [Problem(name, line, *issue) for issue in issues]
        problems += row_problems
        if all(p.severity == WARNING for p in row_problems):
            valid.append((line, row))
    for rule in across:
        row_problems = [Problem(name, *issue) for issue in rule(valid)]
        problems += row_problems
        dropped = {p.line for p in row_problems if p.severity == ERROR}
        valid = [(line, row) for line, row in valid if line not in dropped]
    table = Table(name, valid, sorted(problems, key=lambda p: p.line or 0))
    if key:
        kept = {row[key] for _, row in valid}
        lines = {line for line, _ in valid}
        table.left_out = {
            row[key]: line for line, row, _ in reversed(rows) if line not in lines and row[key] not in kept
        }
        table.left_out.pop("", None)
    return table


def left_out_references(table: Table, column: str, source: Table, is_list: bool = False) -> list[Problem]:
    """One warning per name whose row in `source` was left out while rows of `table` (kept) name it, or one
    saying the column is not checked when `source` could not be read."""
    if table.rows is None:
        return []
    if source.rows is None:
        return [Problem(table.name, None, column, None, f"not checked: {source.name} could not be read", WARNING)]
    names = (split_list(row[column]) if is_list else (row[column],) for row in table.records())
    counts = Counter(name for listed in names for name in listed if name in source.left_out)
    return [
        Problem(
            table.name,
            None,
            column,
            name,
            f"its row in {source.name} (line {source.left_out[name]}) is left out; {count} row(s) naming it kept",
            WARNING,
        )
        for name, count in counts.items()
    ]


def load_dataset(data_dir: Path, known_countries: set, country_shapes: dict | None = None) -> Dataset:
    """Validated events, actors, operations, regimes and troop strength from `data_dir`; never raises.

    `known_countries`: ISO alpha-3 codes events and actors may name. `country_shapes`: ISO alpha-3 code ->
    polygon in lon/lat degrees (`Geography.country_shapes()`); with it each event's point is checked against
    its first country, without it that check is skipped. Rows that break a rule are left out and reported
    in `Dataset.problems`, as are files that cannot be read (their table is then empty).
    """
    actors = validate(data_dir / ACTORS, ACTOR_COLUMNS, lambda r: check_actor(r, known_countries), "actor")
    actor_names = actors.names("actor")
    operations = validate(
        data_dir / OPERATIONS, OPERATION_COLUMNS, lambda r: check_operation(r, actor_names), "operation"
    )
    operation_names = operations.names("operation")
    events = validate(
        data_dir / EVENTS,
        EVENT_COLUMNS,
        lambda r: check_event(r, actor_names, known_countries, operation_names),
        "event_id",
        (site_overlaps,)
        if country_shapes is None
        else (partial(placed_outside, country_shapes=country_shapes), site_overlaps),
    )
    event_ids = events.names("event_id")
    event_starts = {row["event_id"]: row["start_date"] for row in events.records()}
    regimes = validate(
        data_dir / REGIMES_FILE,
        REGIME_COLUMNS,
        lambda r: check_regime(r, known_countries, event_ids, event_starts),
        None,
        (regime_coverage,),
    )
    strength = validate(
        data_dir / STRENGTH, STRENGTH_COLUMNS, lambda r: check_strength(r, actor_names, known_countries), None
    )
    metadata, metadata_problems = read_metadata(data_dir / METADATA)
    references = [
        *left_out_references(operations, "lead", actors, is_list=True),
        *left_out_references(events, "actors", actors, is_list=True),
        *left_out_references(events, "operation", operations),
        *left_out_references(regimes, "began_with", events),
        *left_out_references(strength, "force", actors),
    ]
    return Dataset(
        metadata=metadata,
        events=typed_events(events.records()),
        actors=pd.DataFrame(actors.records(), columns=list(ACTOR_COLUMNS)),
        operations=pd.DataFrame(operations.records(), columns=list(OPERATION_COLUMNS)),
        regimes=typed_regimes(regimes.records()),
        strength=typed_strength(strength.records()),
        problems=[
            *metadata_problems,
            *(p for table in (actors, operations, events, regimes, strength) for p in table.problems),
            *references,
        ],
    )


def read_metadata(path: Path) -> tuple[dict, list[Problem]]:
    """The dataset's title, version, dates, licence and publisher (data/dataset.json, a JSON object of text
    fields); "unknown" for each one that is missing or invalid."""
    fallback = dict.fromkeys(METADATA_KEYS, "unknown")
    text, problems = read_text(path)
    if text is None:
        return fallback, problems
    try:
        metadata = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        return fallback, [*problems, Problem(path.name, None, None, None, f"not valid JSON ({error})")]
    if not isinstance(metadata, dict):
        return fallback, [*problems, Problem(path.name, None, None, None, "must be a JSON object {…}")]
    for key in METADATA_KEYS:
        value = metadata.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(path.name, None, key, None, "required text field is missing"))
        elif key in ("released", "cutoff") and parse_date(value) is None:
            problems.append(Problem(path.name, None, key, value, "must be a real date written YYYY-MM-DD"))
        elif key == "cutoff" and value != DATA_CUTOFF.isoformat():
            problems.append(Problem(path.name, None, key, value, f"must be the codebook's cut-off, {DATA_CUTOFF}"))
    bad = {p.column for p in problems}
    return {**fallback, **{k: v for k, v in metadata.items() if isinstance(v, str) and k not in bad}}, problems


def typed_regimes(rows: list[dict]) -> pd.DataFrame:
    regimes = pd.DataFrame(rows, columns=list(REGIME_COLUMNS))
    for column in ("start_date", "end_date"):
        regimes[column] = pd.to_datetime(regimes[column])
    return regimes.sort_values(["country", "start_date"], ignore_index=True)


def typed_strength(rows: list[dict]) -> pd.DataFrame:
    strength = pd.DataFrame(rows, columns=list(STRENGTH_COLUMNS))
    strength["date"] = pd.to_datetime(strength["date"])
    strength["troops"] = strength["troops"].astype(int)
    strength["country_list"] = strength["countries"].map(split_list)
    return strength.sort_values(["force", "date"], ignore_index=True)


def typed_events(rows: list[dict]) -> pd.DataFrame:
    """The validated rows with real types: dates, numbers, and tuples for the list columns."""
    events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    events["start_date"] = pd.to_datetime(events["start_date"])
    # A span still running at the cut-off (empty end_date, notes saying so) runs to the cut-off in every view.
    events["ongoing"] = events["end_date"].eq("") & events["notes"].str.contains(ONGOING_NOTE, regex=False)
    events["end_date"] = pd.to_datetime(events["end_date"].replace("", None))
    events.loc[events["ongoing"], "end_date"] = pd.Timestamp(DATA_CUTOFF)
    for column in ("latitude", "longitude"):
        events[column] = events[column].astype(float)
    for column in COUNT_COLUMNS:
        events[column] = pd.to_numeric(events[column].replace("", None)).astype("Int64")
    events["actor_list"] = events["actors"].map(split_list)
    events["country_list"] = events["countries"].map(split_list)
    return events.sort_values(["start_date", "event_id"], ignore_index=True)
