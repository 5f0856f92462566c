"""The codebook: columns, vocabularies, labels, colours and shapes of the Sahel Atlas data.

Caveats that every view inherits:
- `fatalities` and `troops` are figures reported by the cited sources, not counts of ours; empty means
  unknown, never zero.
- A span (an operation, a base's occupancy) has an `end_date`; a point event has none. A span still
  running at the dataset's cut-off keeps an empty `end_date` and is treated as open-ended.
- Coordinates carry a `geo_precision`: a `country` row is placed at the capital and says nothing about
  where in the country it happened.
"""

from datetime import date

EVENT_COLUMNS = (
    "event_id",
    "start_date",
    "end_date",
    "date_precision",
    "category",
    "title",
    "title_fr",
    "description",
    "description_fr",
    "actors",
    "operation",
    "countries",
    "location",
    "site",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "troops",
    "sources",
    "notes",
)
# Whole-number columns of events.csv; empty means unknown. Best, low and high as UCDP reports fatalities.
COUNT_COLUMNS = ("fatalities", "fatalities_low", "fatalities_high", "troops")
OPERATION_COLUMNS = ("operation", "lead", "description")
REGIME_COLUMNS = ("country", "start_date", "end_date", "regime", "leader", "began_with", "sources", "notes")
REGIMES = ("civilian", "military-led transition", "junta")
STRENGTH_COLUMNS = ("date", "force", "scope", "countries", "troops", "kind", "date_precision", "source", "notes")
STRENGTH_KINDS = ("deployed", "authorised", "peak", "planned", "estimate")
ACTOR_COLUMNS = ("actor", "type", "country", "aliases", "description", "name_fr")
LIST_SEPARATOR = ";"
SOURCE_SEPARATOR = " "

CATEGORIES = ("deployment", "withdrawal", "base", "coup", "attack", "agreement", "diplomacy")
DATE_PRECISIONS = ("day", "month", "year")
GEO_PRECISIONS = ("exact", "town", "region", "country")
APPROXIMATE = ("region", "country")  # geo_precision of a point that stands in for an area (drawn hollow)
ACTOR_TYPES = (
    "state force",
    "international mission",
    "coalition",
    "armed group",
    "private military company",
    "government / junta",
    "regional body",
)

# The scope: 2012 rows are context (the 2012 coup and rebellion); nothing after the cut-off.
DATA_START = date(2012, 1, 1)
DATA_CUTOFF = date(2025, 12, 31)
# Spans may begin earlier when a presence predates the scope (French bases held since independence).
SPAN_EARLIEST = date(1960, 1, 1)
# The timeline's axis ("Period shown", `period=` in a link) moves between these days: two years before the data's
# first events, through the month a quarter past its cut-off. Older spans (bases held since 1960) show cut, marked ◀.
PERIOD_FIRST, PERIOD_LAST = date(2010, 1, 1), date(2026, 4, 30)
DEFAULT_START = date(2013, 1, 1)
DEFAULT_END = DATA_CUTOFF

# Okabe-Ito palette: distinguishable under the common colour-vision deficiencies.
CATEGORY_COLOURS = {
    "deployment": "#0072B2",
    "withdrawal": "#56B4E9",
    "base": "#000000",
    "coup": "#D55E00",
    "attack": "#CC79A7",
    "agreement": "#009E73",
    "diplomacy": "#E69F00",
}
# Shapes as well as colours, so categories stay apart in greyscale. Names are Plotly marker symbols;
# the map draws the same shapes as SVG.
CATEGORY_SHAPES = {
    "deployment": "triangle-up",
    "withdrawal": "triangle-down",
    "base": "square",
    "coup": "star",
    "attack": "circle",
    "agreement": "diamond",
    "diplomacy": "hexagon",
}

# Countries outside the map that events may concern (the map's own come from geo/countries.geojson).
OTHER_COUNTRIES = {
    "en": {
        "FRA": "France",
        "USA": "United States",
        "RUS": "Russia",
        "DEU": "Germany",
        "ITA": "Italy",
        "GBR": "United Kingdom",
        "BEL": "Belgium",
        "ESP": "Spain",
        "EST": "Estonia",
        "SWE": "Sweden",
        "CZE": "Czechia",
        "DNK": "Denmark",
        "NLD": "Netherlands",
        "PRT": "Portugal",
        "CHN": "China",
        "TUR": "Türkiye",
        "UKR": "Ukraine",
        "CAN": "Canada",
    },
    "fr": {
        "FRA": "France",
        "USA": "États-Unis",
        "RUS": "Russie",
        "DEU": "Allemagne",
        "ITA": "Italie",
        "GBR": "Royaume-Uni",
        "BEL": "Belgique",
        "ESP": "Espagne",
        "EST": "Estonie",
        "SWE": "Suède",
        "CZE": "Tchéquie",
        "DNK": "Danemark",
        "NLD": "Pays-Bas",
        "PRT": "Portugal",
        "CHN": "Chine",
        "TUR": "Turquie",
        "UKR": "Ukraine",
        "CAN": "Canada",
    },
}

# Natural Earth's English names, where the region's own usage differs.
COUNTRY_NAME_OVERRIDES = {"en": {"CIV": "Côte d'Ivoire", "SAH": "Western Sahara"}, "fr": {"SAH": "Sahara occidental"}}

# Region presets for the map: (south, west), (north, east).
REGIONS = {
    "Sahel": ((8.0, -18.0), (24.0, 24.5)),
    "Mali": ((10.0, -12.5), (25.2, 4.5)),
    "Niger": ((11.5, 0.0), (23.6, 16.0)),
    "Gulf of Guinea": ((4.0, -9.0), (14.0, 15.0)),
    "West and Central Africa": ((-4.0, -18.0), (28.0, 26.0)),
}
DEFAULT_REGION = "Sahel"

# Place names a search treats as one: the English and French names (as the English and French Wikipedia
# article titles give them), former names, and spellings found in the sources cited in data/events.csv
# (e.g. Aguelhoc, Tabatoul). A search for any of them finds events that use another.
PLACE_NAMES = (
    ("Timbuktu", "Tombouctou"),
    ("N'Djamena", "N'Djaména", "Fort-Lamy"),
    ("Ouagadougou", "Ouaga"),
    ("Aguelhok", "Aguelhoc", "Aguel'hoc"),
    ("Tillabéri", "Tillabéry"),
    ("Tabatol", "Tabatoul"),
    ("Tinzaouaten", "Tin Zaouatine", "Tinzawatene"),
    ("Lake Chad", "Lac Tchad"),
    ("Niger River", "fleuve Niger"),
    ("Gulf of Guinea", "golfe de Guinée"),
    ("tri-border", "three borders", "trois frontières"),
    ("Algiers", "Alger"),
    ("Moscow", "Moscou"),
)
