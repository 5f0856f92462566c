"""The libraries' own controls in the reader's language (sahel_atlas.chrome); the browser checks are in
tests/e2e/test_french.py."""

import json
import re

from sahel_atlas.chrome import SCRIPT, leaflet_texts, page_script, plotly_config
from sahel_atlas.i18n import STREAMLIT_LABELS

# DOMPurify, which Streamlit runs over st.html, drops a <script> whose text holds "<" before a letter, "/" or "!".
MARKUP_IN_SCRIPT = re.compile(r"<[/\w!]")


def test_plotly_writes_its_toolbar_and_date_axes_in_french():
    config = plotly_config("fr")
    assert config["locale"] == "fr-FR" and config["displaylogo"] is False
    french = config["locales"]["fr-FR"]
    assert french["dictionary"]["Reset axes"] == "Réinitialiser les axes"
    assert french["format"]["months"][1] == "février" and french["format"]["shortMonths"][0] == "janv."
    assert french["format"]["days"][0] == "dimanche"  # Plotly counts from Sunday
    assert french["format"]["decimal"] == ","
    english = plotly_config("en")["locales"]["en-GB"]
    assert english["dictionary"]["Reset axes"] == "Reset axes" and english["format"]["months"][0] == "January"


def test_leaflet_buttons_are_named_in_french():
    assert leaflet_texts("fr")["Zoom in"] == "Zoom avant"
    assert leaflet_texts("en")["Layers"] == "Layers"


def test_the_page_script_survives_streamlits_sanitiser_and_carries_its_texts_as_data():
    for lang in ("en", "fr"):
        html = page_script(lang)
        assert html.startswith("<script>") and html.endswith("</script>")
        body = html.removeprefix("<script>").removesuffix("</script>")
        assert not MARKUP_IN_SCRIPT.search(body)
        assert SCRIPT.read_text(encoding="utf-8") in body
    assert '"fr-FR"' in page_script("fr") and '"Help for {label}":"Aide\u00a0: {label}"' in page_script("fr")


def test_a_hostile_translation_reaches_the_page_script_only_as_data(monkeypatch):
    """A translator's text is data: it cannot end the script, open markup or run as code."""
    hostile = "</script><img src=x onerror=alert(1)>`${alert(2)}`"
    monkeypatch.setitem(STREAMLIT_LABELS["fr"], "Search", hostile)
    page_script.cache_clear()
    try:
        body = page_script("fr").removeprefix("<script>").removesuffix("</script>")
    finally:
        page_script.cache_clear()
    assert not MARKUP_IN_SCRIPT.search(body) and "`" not in body.split("window.SahelChrome.apply(")[1]
    texts = json.loads(body.split("window.SahelChrome.apply(")[1].split(", ", 1)[1].removesuffix(");"))
    assert texts["Search"] == hostile
