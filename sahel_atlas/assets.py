"""Offline asset wiring: folium elements load Leaflet and its plugins from static/, never a CDN.

Streamlit serves the repository's static/ folder at /app/static/ (server.enableStaticServing).
The files there come from the npm packages recorded in static/README.md, except sahel/atlas.js, the
app's own map client.
"""

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import branca.element
import folium

STATIC_URL = "/app/static/"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# Files the app writes while it runs (PUBLISHED_DIR under static/; not in git), named by their content's digest.
PUBLISHED_DIR = "published"

# folium's resource names -> vendored files. Resources folium lists that we do not use (jQuery, Bootstrap,
# awesome-markers, Font Awesome) are dropped: nothing here draws with them (folium 0.20 needs jQuery only for its
# own popups and keep_in_front, which the map does not use).
LOCAL_JS = {
    "leaflet": "leaflet/leaflet.js",
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "subgroupjs": "subgroup/leaflet.featuregroup.subgroup.js",  # events and bases: one cluster, two toggles
    "gesturejs": "gesturehandling/leaflet-gesture-handling.min.js",  # one finger scrolls the page
    "atlasjs": "sahel/atlas.js",  # the app's own map client: draws the dated layers from data
}
LOCAL_CSS = {
    "leaflet_css": "leaflet/leaflet.css",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "gesturecss": "gesturehandling/leaflet-gesture-handling.min.css",
}
UNUSED = {
    "jquery",
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
}


class MissingAsset(LookupError):
    """An element asked for a resource that static/ does not hold."""


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _localise(links: list[tuple[str, str]], local: dict[str, str]) -> list[tuple[str, str]]:
    kept = []
    for name, url in links:
        if name in UNUSED:
            continue
        if name not in local:
            raise MissingAsset(f"{name} ({url}) is not vendored in static/")
        kept.append((name, STATIC_URL + local[name]))
    return kept


def stable_names(element: branca.element.Element) -> branca.element.Element:
    """Name `element` and its children by their place in the tree (`map_base0`, `feature_group_base3`…) instead
    of branca's random ids, so that the same view renders to the same bytes; returns the element. ("base": never
    a name streamlit-folium gives the layers it adds, `feature_group_0`…)"""
    for number, item in enumerate(_walk(element)):
        item._id = f"base{number}"
    return element


def use_local_assets(element: branca.element.Element) -> branca.element.Element:
    """Point every JS/CSS link of `element` and its children at static/; returns the element."""
    for item in _walk(element):
        if isinstance(item, folium.elements.JSCSSMixin):
            item.default_js = _localise(item.default_js, LOCAL_JS)
            item.default_css = _localise(item.default_css, LOCAL_CSS)
    return element


@cache
def versioned_url(path: str) -> str:
    """The address of static/`path` with its content's digest as a query ("…/basemap.json?v=3f2a…"): a changed
    file gets a new address, so browsers and proxies may keep a file for long. Raises OSError if it is missing."""
    digest = hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:12]
    return f"{STATIC_URL}{path}?v={digest}"


def is_published(url: str) -> bool:
    """Whether the file a `publish_json` address names is (still) there."""
    return (STATIC_DIR / url.removeprefix(STATIC_URL)).is_file()


def publish_json(name: str, value: object) -> str:
    """Write `value` as JSON to static/published/`name`-<digest of the content>.json (once: a file of that name
    already holds it) and return its address. Content-addressed, so a replica that writes the same data writes the
    same file and browsers may keep it for good. Written to a temporary file, then renamed: a reader never gets
    half a file. Raises OSError if static/published/ cannot be written."""
    content = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    relative = f"{PUBLISHED_DIR}/{name}-{hashlib.sha256(content).hexdigest()[:16]}.json"
    target = STATIC_DIR / relative
    if not target.exists():
        target.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as temporary:
            temporary.write(content)
        os.replace(temporary.name, target)
    return STATIC_URL + relative
