"""English and French: every interface text, label and date format, looked up by key.

The texts live in gettext catalogues, the files translators edit: `locale/messages.pot` (the template) and
`locale/<lang>/LC_MESSAGES/messages.po`, one per language. Each entry's `msgctxt` is the key the code uses
(`map`, `date_range_help`; labels of a vocabulary as `<vocabulary>:<value>`, e.g. `category:attack`), its `msgid`
the English text and its `msgstr` the text in that language; placeholders are Python's `{name}`
(`#, python-brace-format`). The catalogues are read as they are, with Babel's `read_po`, once at import
(about 12 ms for both): no compiled `.mo` file to rebuild or to keep in step with its `.po`, and what runs is
exactly what the translator wrote. A language is one directory under `locale/`; its header's `Language`
(`en_GB`, `fr_FR`) is the locale Babel writes its dates in.

Data values (descriptions, notes, place names) stay as curated; event titles have a French version in
the `title_fr` column. Validation messages about data/ files are for its maintainers and stay English.
"""

from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"
# Babel skeletons for a date known to the day, the month or the year only (date_precision).
PRECISION_SKELETONS = {"day": "yMMMd", "month": "yMMM", "year": "y"}


def read_catalogues(directory: Path = LOCALE_DIR) -> dict[str, Catalog]:
    """{language code: Babel Catalog} for each `directory/<code>/LC_MESSAGES/messages.po`, the default language
    first. Raises OSError for an unreadable file and babel's PoFileError for a malformed one."""
    paths = sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po"), key=lambda p: (p.parts[-3] != DEFAULT_LANGUAGE, p))
    catalogues = {}
    for path in paths:
        with path.open("rb") as file:
            catalogues[path.parts[-3]] = read_po(file, domain=DOMAIN)
    return catalogues


def texts_by_key(catalogues: dict[str, Catalog]) -> dict[str, dict[str, str]]:
    """{key (msgctxt): {language: text}} for every key of any catalogue, in the first catalogue's order. A
    language whose entry is missing, empty or fuzzy gets the first catalogue's msgid (the English text), as gettext
    falls back to the msgid."""
    texts = {}
    for catalogue in catalogues.values():
        for message in catalogue:
            if message.id:
                texts.setdefault(message.context, dict.fromkeys(catalogues, message.id))
    for lang, catalogue in catalogues.items():
        for message in catalogue:
            if message.id and message.string and not message.fuzzy:
                texts[message.context][lang] = message.string
    return texts


def labels(entries: dict[str, dict[str, str]], vocabulary: str) -> dict[str, dict[str, str]]:
    """{language: {value: label}} of the entries keyed `<vocabulary>:<value>`, in catalogue order."""
    prefix = f"{vocabulary}:"
    chosen = {key.removeprefix(prefix): texts for key, texts in entries.items() if key.startswith(prefix)}
    return {lang: {value: texts[lang] for value, texts in chosen.items()} for lang in CATALOGUES}


CATALOGUES = read_catalogues()
_ENTRIES = texts_by_key(CATALOGUES)
# The texts t() looks up; the labels of a vocabulary's values (keys `<vocabulary>:<value>`) are kept apart.
TEXT = {key: texts for key, texts in _ENTRIES.items() if ":" not in key}
CATEGORY_LABELS = labels(_ENTRIES, "category")
REGIME_LABELS = labels(_ENTRIES, "regime")
HOLDER_LABELS = labels(_ENTRIES, "holder")
REGION_LABELS = labels(_ENTRIES, "region")
PRECISION_LABELS = labels(_ENTRIES, "precision")
# events.csv's column names as headers in each language (English: the dataset's own names).
COLUMN_LABELS = labels(_ENTRIES, "column")
# The libraries' own texts (Streamlit, Plotly, Leaflet), keyed by their English text: sahel_atlas.chrome.
STREAMLIT_LABELS = labels(_ENTRIES, "streamlit")
PLOTLY_LABELS = labels(_ENTRIES, "plotly")
LEAFLET_LABELS = labels(_ENTRIES, "leaflet")
# Babel's locale for each interface language, from its catalogue's header (British English: day before month).
LOCALES = {lang: str(catalogue.locale or lang) for lang, catalogue in CATALOGUES.items()}


def t(name: str, lang: str, /, **values) -> str:
    """The text keyed `name` in `lang` with its `{placeholders}` filled from `values`. Raises KeyError for an
    unknown key, language or placeholder."""
    return TEXT[name][lang].format(**values)


# Each language by its own name, for the language menu.
LANGUAGES = {lang: t("language_name", lang) for lang in CATALOGUES}


@lru_cache(maxsize=65_536)  # Babel takes ~30 µs a date; a map layer writes thousands, many alike
def format_date(day: date, lang: str, precision: str = "day") -> str:
    """`day` written as far as it is known, by the locale's rules (Babel, CLDR data): precision "day" gives
    17 Feb 2022 / 17 févr. 2022, "month" Feb 2022 / févr. 2022, "year" 2022. Raises KeyError for an unknown
    `lang` or `precision`."""
    return format_skeleton(PRECISION_SKELETONS[precision], day, locale=LOCALES[lang])


def colon(lang: str) -> str:
    """A colon as the language writes it: French puts a no-break space before it."""
    return "\u00a0:" if lang == "fr" else ":"


def format_number(number: int, lang: str) -> str:
    """A whole number with the locale's grouping (Babel, CLDR): 4,300 / 4 300 (a narrow no-break space in
    French)."""
    return format_decimal(number, locale=LOCALES[lang])


def category_label(category: str, lang: str) -> str:
    return CATEGORY_LABELS[lang][category]


def pick_language(requested: str | None, browser_locale: str | None) -> str:
    """The URL's choice, else the browser's language where it is one we have, else English."""
    if requested in LANGUAGES:
        return requested
    prefix = (browser_locale or "").split("-")[0].lower()
    return prefix if prefix in LANGUAGES else DEFAULT_LANGUAGE
