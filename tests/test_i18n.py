"""The gettext catalogues (sahel_atlas/locale/) against the code: every key the code uses is in every catalogue,
every entry is used, every language is translated with the placeholders of its English text."""

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sahel_atlas.chrome import LEAFLET_TEXTS, PLOTLY_TEXTS, STREAMLIT_TEXTS
from sahel_atlas.codebook import CATEGORIES, DATE_PRECISIONS, EVENT_COLUMNS, GEO_PRECISIONS, REGIMES, REGIONS
from sahel_atlas.i18n import (
    CATEGORY_LABELS,
    DEFAULT_LANGUAGE,
    HOLDER_LABELS,
    LANGUAGES,
    LOCALE_DIR,
    PRECISION_LABELS,
    REGIME_LABELS,
    REGION_LABELS,
    TEXT,
    format_date,
    pick_language,
    read_catalogues,
    t,
    texts_by_key,
)
from sahel_atlas.mapview import HOLDER_STYLES

ROOT = Path(__file__).parent.parent
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "sahel_atlas").glob("*.py"))]
# Keys the code hands to t() through a variable, which the scan of t("…") calls cannot see. Each must still be
# written as a string literal somewhere in the code (checked below), so a stale entry here fails too.
PASSED_ON = {
    # ui.PAGES and each page's sidebar("…"): the page's title and its navigation link
    "overview",
    "map",
    "timeline",
    "data",
    "about",
    "compare",
    "analysis",
    "stories",
    # compare.SENTENCES: one sentence per kind of change
    "cmp_regime_changed",
    "cmp_base_changed_holder",
    "cmp_base_left",
    "cmp_base_taken_up",
    "cmp_operation_ended",
    "cmp_operation_began",
    # summary.narrowing: one phrase per narrowed filter
    "narrow_actors",
    "narrow_categories",
    "narrow_countries",
}
# Keys built from a value (f"category:{c}" via CATEGORY_LABELS[lang][c], category_label): vocabulary -> its values.
VOCABULARIES = {
    "category": CATEGORIES,
    "regime": REGIMES,
    "holder": tuple(HOLDER_STYLES),
    "region": tuple(REGIONS),
    "precision": DATE_PRECISIONS + GEO_PRECISIONS,
    "column": EVENT_COLUMNS,
    "streamlit": STREAMLIT_TEXTS,
    "plotly": PLOTLY_TEXTS,
    "leaflet": LEAFLET_TEXTS,
}


def keys_called(source: str) -> set[str]:
    """The literal first argument of every t("…", …) or i18n.t("…", …) call in a Python source."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name == "t" and isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
    return keys


def string_literals(source: str) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)}


def used_keys(sources: list[str]) -> set[str]:
    called = set().union(*(keys_called(source) for source in sources))
    labels = {f"{vocabulary}:{value}" for vocabulary, values in VOCABULARIES.items() for value in values}
    return called | PASSED_ON | labels


def placeholders(text: str) -> set[str] | None:
    """The field names of a str.format template; None when it is not a valid one."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def catalogue_problems(catalogues: dict, template, used: set[str]) -> list[str]:
    """Every way the catalogues (and their template) disagree with the code's keys or with each other, as
    sentences naming the language and the key; empty when all is well."""
    problems = []
    english = {message.context: message.id for message in template if message.id}
    for lang, catalogue in {"template": template, **catalogues}.items():
        entries = {message.context: message for message in catalogue if message.id}
        problems += [f"{lang}: missing {key!r}" for key in sorted(used - set(entries))]
        problems += [f"{lang}: unused {key!r}" for key in sorted(set(entries) - used, key=str)]
        if lang == "template":
            continue
        for key, message in entries.items():
            if key in english and message.id != english[key]:
                problems.append(f"{lang}: {key!r} has an old English text (run pybabel update)")
            if not message.string or message.fuzzy:
                problems.append(f"{lang}: {key!r} is not translated (empty or fuzzy msgstr)")
            elif placeholders(message.string) is None:
                problems.append(f"{lang}: {key!r} msgstr has unbalanced braces")
            elif placeholders(message.string) != placeholders(message.id):
                problems.append(f"{lang}: {key!r} placeholders differ from the English text")
            if lang == DEFAULT_LANGUAGE and message.string != message.id:
                problems.append(f"{lang}: {key!r} msgstr differs from its msgid")
    return problems


def read_template(directory: Path):
    with (directory / "messages.pot").open("rb") as file:
        return read_po(file)


SOURCE_TEXTS = [path.read_text(encoding="utf-8") for path in SOURCES]


def test_the_catalogues_hold_exactly_the_keys_the_code_uses_translated():
    catalogues = read_catalogues()
    assert set(catalogues) == {"en", "fr"}
    assert catalogue_problems(catalogues, read_template(LOCALE_DIR), used_keys(SOURCE_TEXTS)) == []


def test_the_scan_sees_keys_in_calls_and_the_passed_on_keys_are_still_in_the_code():
    assert keys_called('t("map", lang)\ni18n.t("shown", "fr", count=1)\nt(key, lang)\nst.t(1)') == {"map", "shown"}
    used = used_keys(SOURCE_TEXTS)
    assert {"what_actor", "download_csv", "language_name", "category:attack", "precision:town"} <= used
    assert len(used) > 150
    literals = set().union(*(string_literals(source) for source in SOURCE_TEXTS))
    assert literals >= PASSED_ON
    # a key listed as passed on that the code no longer names would be caught
    assert "narrow_regions" not in literals


def test_a_key_the_code_uses_but_no_catalogue_has_is_reported():
    used = used_keys([*SOURCE_TEXTS, 'st.caption(t("legend_hatched", lang))'])
    problems = catalogue_problems(read_catalogues(), read_template(LOCALE_DIR), used)
    assert problems == [f"{lang}: missing 'legend_hatched'" for lang in ("template", "en", "fr")]


HEADER = 'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
ENTRIES = [
    ("map", "Map", "Carte"),
    ("shown", "**{count}** event(s) shown, of {total}.", "**{count}** événement(s) affiché(s), sur {total}."),
    ("report_form", "Error report\\nevent_id: {event_id}\\n", "Signalement\\nevent_id : {event_id}\\n"),
    ("category:attack", "Attack", "Attaque"),
]
SMALL_USE = {key for key, _, _ in ENTRIES}


def po(locale: str, entries: list[tuple[str, str, str]]) -> str:
    body = "".join(f'msgctxt "{key}"\nmsgid "{english}"\nmsgstr "{text}"\n\n' for key, english, text in entries)
    return HEADER.format(locale=locale) + body


def write_catalogues(directory: Path, french: str) -> None:
    (directory / "messages.pot").write_text(po("", [(k, e, "") for k, e, _ in ENTRIES]), encoding="utf-8")
    for lang, text in (("en", po("en_GB", [(k, e, e) for k, e, _ in ENTRIES])), ("fr", french)):
        (directory / lang / "LC_MESSAGES").mkdir(parents=True)
        (directory / lang / "LC_MESSAGES" / "messages.po").write_text(text, encoding="utf-8")


FRENCH = po("fr_FR", ENTRIES)


UNTRANSLATED = "fr: 'map' is not translated (empty or fuzzy msgstr)"
PLACEHOLDERS = "fr: 'shown' placeholders differ from the English text"


@pytest.mark.parametrize(
    ("french", "problems"),
    [
        pytest.param(
            FRENCH.replace('msgctxt "shown"', 'msgctxt "shwon"'),
            ["fr: missing 'shown'", "fr: unused 'shwon'"],
            id="misspelt key",
        ),
        pytest.param(po("fr_FR", ENTRIES[:3]), ["fr: missing 'category:attack'"], id="missing label"),
        pytest.param(FRENCH + 'msgctxt "old"\nmsgid "Old"\nmsgstr "Ancien"\n', ["fr: unused 'old'"], id="unused key"),
        pytest.param(FRENCH + 'msgid "No key"\nmsgstr "Pas de clé"\n', ["fr: unused None"], id="entry without key"),
        pytest.param(FRENCH.replace('"Carte"', '""'), [UNTRANSLATED], id="empty msgstr"),
        pytest.param(FRENCH.replace('msgctxt "map"', '#, fuzzy\nmsgctxt "map"'), [UNTRANSLATED], id="fuzzy msgstr"),
        pytest.param(FRENCH.replace("sur {total}", "sur {nombre}"), [PLACEHOLDERS], id="renamed placeholder"),
        pytest.param(FRENCH.replace(", sur {total}", ""), [PLACEHOLDERS], id="dropped placeholder"),
        pytest.param(
            FRENCH.replace("event_id : {event_id}", "event_id : {event_id"),
            ["fr: 'report_form' msgstr has unbalanced braces"],
            id="unbalanced brace",
        ),
        pytest.param(
            FRENCH.replace('msgid "Map"', 'msgid "Maps"'),
            ["fr: 'map' has an old English text (run pybabel update)"],
            id="old English text",
        ),
        pytest.param(FRENCH, [], id="sound"),
    ],
)
def test_a_broken_catalogue_is_reported(tmp_path, french, problems):
    write_catalogues(tmp_path, french)
    assert catalogue_problems(read_catalogues(tmp_path), read_template(tmp_path), SMALL_USE) == problems


def test_an_untranslated_text_falls_back_to_english_and_multi_line_texts_are_kept(tmp_path):
    write_catalogues(tmp_path, po("fr_FR", [("map", "Map", ""), ("shown", "**{count}** shown", "**{count}** vus")]))
    catalogues = read_catalogues(tmp_path)
    assert list(catalogues) == ["en", "fr"]
    texts = texts_by_key(catalogues)
    assert texts["map"] == {"en": "Map", "fr": "Map"}
    assert texts["category:attack"] == {"en": "Attack", "fr": "Attack"}
    assert texts["report_form"]["en"] == "Error report\nevent_id: {event_id}\n"
    form = t("report_form", "fr", event_id="E1", title="T", version="0.3.0", link="L")
    assert form.startswith("Signalement d'erreur pour Sahel Atlas\nevent_id\u00a0: E1\ntitre\u00a0: T\n")
    assert form.endswith(
        "\n\nChamp erroné\u00a0:\nCe qu'il devrait indiquer\u00a0:\nSource (URL) qui le montre\u00a0:\n"
    )


@pytest.mark.parametrize(
    ("labels", "keys"),
    [
        (CATEGORY_LABELS, CATEGORIES),
        (REGIME_LABELS, REGIMES),
        (REGION_LABELS, tuple(REGIONS)),
        (HOLDER_LABELS, tuple(HOLDER_STYLES)),
        (PRECISION_LABELS, DATE_PRECISIONS + GEO_PRECISIONS),
    ],
)
def test_every_vocabulary_is_labelled_in_every_language_in_its_order(labels, keys):
    for lang in LANGUAGES:
        assert tuple(labels[lang]) == keys


def test_dates_and_language_choice():
    assert LANGUAGES == {"en": "English", "fr": "Français"}
    assert format_date(date(2022, 2, 17), "en") == "17 Feb 2022"
    assert format_date(date(2022, 2, 17), "fr") == "17 févr. 2022"
    assert pick_language("fr", "en-US") == "fr"
    assert pick_language(None, "fr-FR") == "fr"
    assert pick_language(None, "de-DE") == "en"
    assert pick_language("xx", None) == "en"
    assert t("m_bases", "fr", day="17 févr. 2022") == "Bases actives le 17 févr. 2022"
    assert CATEGORY_LABELS["fr"]["attack"] == "Attaque"


def test_french_texts_follow_french_typography():
    """A no-break space before : ; ? ! and inside « », so that a line never breaks before the sign."""
    plain = [
        (key, texts["fr"])
        for key, texts in {**TEXT, **{f"category:{c}": {"fr": v} for c, v in CATEGORY_LABELS["fr"].items()}}.items()
        if re.search(r" [:;?!»]|« ", texts["fr"])
    ]
    assert plain == []
