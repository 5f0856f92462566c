"""The libraries' own controls in the reader's language: Streamlit's tooltips, accessible names, hints and
calendar; Plotly's toolbar, notices and date axes; Leaflet's zoom, layer and popup buttons.

Each library writes these in English. Their English texts are listed here as the libraries write them
(Streamlit 1.67, the Plotly.js its charts bundle, Leaflet 1.9); their translations are catalogue entries keyed
`<library>:<English text>` (`plotly:Zoom in`), beside the app's own texts. Streamlit's take one `{label}`
where Streamlit inserts a widget's label ("Help for {label}"). How each library receives them:

- Plotly: its own localisation, the chart config's `locales` (a dictionary and, from Babel's CLDR data, the
  month and day names and number symbols of the date axes and hover labels).
- Leaflet: the map client's setup (static/sahel/atlas.js) sets the buttons' titles and names.
- Streamlit, which has no localisation: a script in the page (static/sahel/chrome.js) sets `<html lang>` and
  `navigator.language`, which Streamlit's calendar reads for its month and day names and first weekday, and
  rewrites the listed texts wherever Streamlit draws them.
"""

from functools import cache

from babel import Locale

from .assets import STATIC_DIR
from .escape import js_json
from .i18n import LEAFLET_LABELS, LOCALES, PLOTLY_LABELS, STREAMLIT_LABELS

STREAMLIT_TEXTS = (
    "Skip to main content",
    "Sidebar",
    "Collapse sidebar",
    "Expand sidebar",
    "Help for {label}",
    "{label} start date",
    "{label} end date",
    "{label} — start",
    "{label} — end",
    "year, {label}",
    "month, {label}",
    "day, {label}",
    "Choose date range",
    "Choose date range, {label}",
    "Choose date",
    "Choose date, {label}",
    "Date range",
    "Quick select a date range",
    "Select...",
    "Past Week",
    "Past Month",
    "Past 3 Months",
    "Past 6 Months",
    "Past Year",
    "Past 2 Years",
    "Selected Date: {label}",
    "Previous month",
    "Next month",
    "Use arrow keys to navigate dates. Enter to select. Escape to close.",
    "Dismiss",
    "Open",
    "Clear all",
    "No results",
    "Press Enter to apply",
    "Link to heading",
    "Show/hide columns",
    "Sort ascending",
    "Sort descending",
    "Statistics",
    "Autosize",
    "Pin column",
    "Unpin column",
    "Hide column",
    "Copy column name",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Close fullscreen",
    "Exit fullscreen",
    "Running...",
)
PLOTLY_TEXTS = (
    "Download plot as a PNG",
    "Zoom",
    "Pan",
    "Box Select",
    "Lasso Select",
    "Zoom in",
    "Zoom out",
    "Autoscale",
    "Reset axes",
    "Double-click to zoom back out",
    "Preparing image - this may take a few seconds",
    "Image download succeeded",
    "Sorry, there was a problem downloading your image!",
)
LEAFLET_TEXTS = ("Zoom in", "Zoom out", "Layers", "Close popup", "A JavaScript library for interactive maps")
SCRIPT = STATIC_DIR / "sahel" / "chrome.js"


def browser_locale(lang: str) -> str:
    """The BCP 47 tag of the interface language's locale: "fr-FR", "en-GB"."""
    return LOCALES[lang].replace("_", "-")


@cache  # the same for every chart and rerun in one language
def plotly_config(lang: str) -> dict:
    """A Plotly chart config that writes the toolbar, its notices and the date axes in `lang`: Plotly's own
    `locale` and `locales` ({"dictionary": English -> text, "format": CLDR month and day names, decimal and
    group symbols}); without the Plotly logo."""
    locale, name = Locale.parse(LOCALES[lang]), browser_locale(lang)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Plotly lists days from Sunday, Babel from Monday (0)
    months, days = locale.months["format"], locale.days["format"]
    number_format = {
        "months": [months["wide"][m] for m in range(1, 13)],
        "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        "days": [days["wide"][d] for d in sunday_first],
        "shortDays": [days["abbreviated"][d] for d in sunday_first],
        "decimal": locale.number_symbols["latn"]["decimal"],
        "thousands": locale.number_symbols["latn"]["group"],
    }
    return {
        "displaylogo": False,
        "locale": name,
        "locales": {name: {"dictionary": PLOTLY_LABELS[lang], "format": number_format}},
    }


def leaflet_texts(lang: str) -> dict[str, str]:
    """Leaflet's English button texts -> their text in `lang`, for the map client."""
    return LEAFLET_LABELS[lang]


@cache  # read once; the same for every rerun in one language
def page_script(lang: str) -> str:
    """An HTML `<script>` that puts the app's page in `lang` (static/sahel/chrome.js): the document's language,
    the browser locale Streamlit's calendar reads and Streamlit's own texts. The texts go in as JSON data."""
    texts = STREAMLIT_LABELS[lang]
    call = f"window.SahelChrome.apply({js_json(browser_locale(lang))}, {js_json(texts)});"
    return f"<script>{SCRIPT.read_text(encoding='utf-8')}\n{call}</script>"
