"""How the map's event layer scales to 1k, 10k and 100k events, against two baselines measured in the same run.

Measured: what the Map page does with every event shown (2013-01-01 to 2025-12-31). The first view of a dataset
builds its marker catalogue (`marker_catalogue`: every event's texts, written once to a static file the browser
fetches once and keeps); every view then sends, through `build_event_layers`, which catalogue rows it shows with
which icon, rendered into a map ("next view"). Its bytes: the view's page, and the catalogue file once (raw, and
gzipped as the nginx recipe sends it). Baselines: (a) the
textbook approach, one `folium.Marker` per event with an HTML `folium.Popup` (title, date, description,
source links) and a tooltip, in a `MarkerCluster`; (b) `FastMarkerCluster` given the coordinates only, a
data-only reference that shows no text at all. Each is timed from the events table to the rendered page;
its bytes are the page's minus an empty `folium.Map`'s (the static scripts a browser caches are not counted).
Also per size: loading and validating the data folder, building the search index, a filter by text and
dates with that index, and the peak resident memory of a fresh process doing the app's part. As the app does
after loading, the loaded data is moved out of the cycle collector's reach (gc.freeze).

The events are synthetic point events drawn uniformly inside Mali, Niger and Burkina Faso, with the texts,
sources and figures of real rows of data/events.csv and actors of data/actors.csv; the other files of data/
are copied beside them (regimes' `began_with` emptied: it names real events the synthetic file lacks).

Run: python bench/bench_scale.py
"""

import gc
import gzip
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from functools import cache
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import folium
import folium.plugins
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_atlas import loading  # noqa: E402
from sahel_atlas.assets import STATIC_DIR, STATIC_URL  # noqa: E402
from sahel_atlas.codebook import EVENT_COLUMNS  # noqa: E402
from sahel_atlas.escape import html_attr, html_text  # noqa: E402
from sahel_atlas.filters import Filters, apply_filters, search_index  # noqa: E402
from sahel_atlas.geography import Geography, load_geography  # noqa: E402
from sahel_atlas.i18n import LANGUAGES, format_date  # noqa: E402
from sahel_atlas.mapview import MarkerCatalogue, build_event_layers, marker_catalogue  # noqa: E402

SEED = 20261201
COUNTRIES = ("MLI", "NER", "BFA")
FIRST_DAY, LAST_DAY = date(2013, 1, 1), date(2025, 12, 31)  # dates drawn in, and the map's window
FILTERS = Filters(start=date(2015, 1, 1), end=date(2023, 12, 31), text="attack niger")
INDEX_GOAL_MS = (10_000, 150)  # the goal: the search index of 10k events built in at most 150 ms
PER_MARKER_BUDGET_S = 20  # the per-marker baseline is skipped after a size where it took longer
RAISED_LIMIT = 1_000_000_000  # bytes: the loader's file size limit while loading the synthetic files


def repeats(n: int) -> int:
    """Runs per measurement at `n` events (the best one counts): 5 up to 1k, 3 up to 10k, else 1."""
    return 5 if n <= 1_000 else 3 if n <= 10_000 else 1


def best_of(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """(the fastest of `repeat` calls of `func`, in seconds; the last call's result)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return min(times), result


@cache
def real_point_events() -> pd.DataFrame:
    """The point events of data/events.csv as text (columns EVENT_COLUMNS), not those noted as still
    ongoing (the loader would turn them into spans): the rows the synthetic ones copy."""
    events = pd.read_csv(ROOT / "data" / loading.EVENTS, dtype=str, keep_default_na=False)
    points = events[events["end_date"].eq("") & ~events["notes"].str.contains(loading.ONGOING_NOTE, regex=False)]
    return points[list(EVENT_COLUMNS)].reset_index(drop=True)


@cache
def real_actors() -> tuple[str, ...]:
    return tuple(pd.read_csv(ROOT / "data" / loading.ACTORS, dtype=str, keep_default_na=False)["actor"])


@cache
def geography() -> Geography:
    return load_geography(ROOT / "geo")


def sample_points(shapes: dict[str, shapely.Geometry], n: int, rng: np.random.Generator) -> pd.DataFrame:
    """`n` points drawn uniformly inside the union of `shapes` (ISO code -> polygon in lon/lat degrees):
    columns `country` (the code of the polygon holding the point), `longitude`, `latitude` (degrees)."""
    west, south, east, north = shapely.union_all(list(shapes.values())).bounds
    found: list[pd.DataFrame] = []
    while sum(map(len, found)) < n:
        lon, lat = rng.uniform(west, east, 4 * n), rng.uniform(south, north, 4 * n)
        for code, polygon in shapes.items():
            inside = shapely.contains_xy(polygon, lon, lat)
            found.append(pd.DataFrame({"country": code, "longitude": lon[inside], "latitude": lat[inside]}))
    points = pd.concat(found, ignore_index=True)
    return points.sample(n=n, random_state=rng).reset_index(drop=True)


def synthetic_events(n: int, seed: int = SEED) -> pd.DataFrame:
    """`n` point events as events.csv holds them (text columns EVENT_COLUMNS, one row per event): the texts,
    sources, operation and figures of real point events taken in turn; a unique id, a day drawn in
    2013-2025, a place drawn inside Mali, Niger or Burkina Faso (that country alone in `countries`, town
    precision) and one or two actors drawn from data/actors.csv."""
    rng = np.random.default_rng(seed)
    templates = real_point_events()
    events = templates.iloc[np.arange(n) % len(templates)].reset_index(drop=True)
    days = pd.Timestamp(FIRST_DAY) + pd.to_timedelta(rng.integers(0, (LAST_DAY - FIRST_DAY).days + 1, n), unit="D")
    shapes = geography().country_shapes()
    points = sample_points({code: shapes[code] for code in COUNTRIES}, n, rng)
    actors = np.array(real_actors())
    firsts, seconds = rng.choice(actors, n), rng.choice(actors, n)
    pairs = rng.random(n) < 0.3
    events["start_date"] = days.strftime("%Y-%m-%d")
    events["event_id"] = [f"{day}-synthetic-{i}" for i, day in enumerate(events["start_date"])]
    events["date_precision"] = "day"
    events["countries"] = points["country"]
    events["latitude"] = points["latitude"].map("{:.5f}".format)
    events["longitude"] = points["longitude"].map("{:.5f}".format)
    events["geo_precision"] = "town"
    events["site"] = ""
    events["actors"] = [f"{a};{b}" if pair and a != b else a for a, b, pair in zip(firsts, seconds, pairs, strict=True)]
    return events


def write_data_dir(events: pd.DataFrame, directory: Path) -> Path:
    """A copy of data/ in `directory` with `events` as its events.csv; returns the events file's path."""
    for path in (ROOT / "data").iterdir():
        shutil.copy(path, directory / path.name)
    regimes = pd.read_csv(directory / loading.REGIMES_FILE, dtype=str, keep_default_na=False)
    regimes.assign(began_with="").to_csv(directory / loading.REGIMES_FILE, index=False, lineterminator="\n")
    events.to_csv(directory / loading.EVENTS, index=False, lineterminator="\n")
    return directory / loading.EVENTS


def load(data_dir: Path) -> loading.Dataset:
    """`load_dataset` as the app calls it (countries checked against their polygons), its file size limit
    raised to RAISED_LIMIT bytes; then, as the app does, gc.freeze()."""
    with mock.patch.object(loading, "MAX_FILE_BYTES", RAISED_LIMIT):
        dataset = loading.load_dataset(data_dir, set(geography().country_names()), geography().country_shapes())
    gc.freeze()
    return dataset


def shipped_limit_refusal(data_dir: Path) -> list[str]:
    """What the loader, with its shipped file size limit, says about the events file of `data_dir`."""
    dataset = loading.load_dataset(data_dir, set(geography().country_names()), geography().country_shapes())
    return [p.message() for p in dataset.problems if p.file == loading.EVENTS]


def page_bytes(page: str) -> int:
    return len(page.encode("utf-8"))


def empty_page() -> str:
    return folium.Map().get_root().render()


def app_page(events: pd.DataFrame, catalogue: MarkerCatalogue) -> str:
    """The app's event layers for every event (rows of `catalogue` and their icons), rendered in a map."""
    fmap = folium.Map()
    for layer in build_event_layers(events, LAST_DAY, FIRST_DAY, catalogue):
        layer.add_to(fmap)
    return fmap.get_root().render()


def catalogue_bytes(catalogue: MarkerCatalogue) -> tuple[int, int]:
    """(the catalogue file's bytes, gzipped at level 6 as the nginx recipe sends it)."""
    content = (STATIC_DIR / catalogue.url.removeprefix(STATIC_URL)).read_bytes()
    return len(content), len(gzip.compress(content, 6))


def popup_html(title: str, day: str, description: str, sources: str) -> str:
    """The textbook popup: title, date, description and one link per source, escaped."""
    links = " ".join(
        f'<a href="{html_attr(url)}" target="_blank" rel="noopener">{html_text(urlsplit(url).netloc)}</a>'
        for url in sources.split()
    )
    return f"<b>{html_text(title)}</b><br>{day}<br>{html_text(description)}<br>{links}"


def per_marker_page(events: pd.DataFrame) -> str:
    """The textbook approach: a folium.Marker with an HTML popup and a tooltip per event, in a MarkerCluster."""
    fmap = folium.Map()
    cluster = folium.plugins.MarkerCluster().add_to(fmap)
    columns = ("latitude", "longitude", "title", "start_date", "date_precision", "description", "sources")
    for lat, lon, title, start, precision, description, sources in zip(*(events[c] for c in columns), strict=True):
        day = format_date(start.date(), "en", precision)
        popup = folium.Popup(popup_html(title, day, description, sources), max_width=320)
        folium.Marker([lat, lon], popup=popup, tooltip=html_text(f"{day} · {title}")).add_to(cluster)
    return fmap.get_root().render()


def fast_cluster_page(events: pd.DataFrame) -> str:
    """The data-only reference: FastMarkerCluster given [[lat, lon], ...] (no popup, no tooltip)."""
    fmap = folium.Map()
    folium.plugins.FastMarkerCluster(events[["latitude", "longitude"]].to_numpy().tolist()).add_to(fmap)
    return fmap.get_root().render()


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB): VmHWM of /proc/self/status (Linux). Not getrusage's
    ru_maxrss, which Linux carries over an exec: a child spawned by this bench would report the parent's peak."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024  # kB


def app_peak_rss(data_dir: str) -> tuple[float, float]:
    """Run in a fresh process: (peak resident MB after the imports and the geography; peak resident MB
    after the app's work: load the data, build the search index, filter, build and render the layers)."""
    geography()
    floor = peak_rss_mb()
    dataset = load(Path(data_dir))
    names = [geography().country_names(lang) for lang in LANGUAGES]
    apply_filters(dataset.events, FILTERS, search_index(dataset.events, dataset.actors, names))
    actor_names = dict(zip(dataset.actors["actor"], dataset.actors["actor"], strict=True))
    app_page(dataset.events, marker_catalogue(dataset.events, "en", actor_names))
    return floor, peak_rss_mb()


def measure_rss(data_dir: Path) -> tuple[float, float]:
    """`app_peak_rss` in a fresh spawned process (MB, MB)."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(app_peak_rss, str(data_dir)).result()


def ratio(baseline: float, measured: float, better: str, worse: str) -> str:
    """'3.2x faster' when `measured` is below `baseline`, '1.8x slower' when above."""
    return f"{baseline / measured:.1f}x {better}" if measured <= baseline else f"{measured / baseline:.1f}x {worse}"


def comparison(app: tuple[float, int], other: tuple[float, int] | None) -> str:
    """The app's (seconds, bytes) against another approach's: '12.0x faster, 2.1x smaller'."""
    if other is None:
        return "-"
    return f"{ratio(other[0], app[0], 'faster', 'slower')}, {ratio(other[1], app[1], 'smaller', 'larger')}"


def measure_size(n: int, per_marker_skip: str) -> dict:
    """Every figure at `n` events (seconds, milliseconds, bytes, MB); the per-marker baseline is not run
    when `per_marker_skip` says why."""
    repeat = repeats(n)
    with tempfile.TemporaryDirectory() as tmp:
        events_file = write_data_dir(synthetic_events(n), Path(tmp))
        csv_mb = events_file.stat().st_size / 1e6
        refusal = shipped_limit_refusal(Path(tmp)) if events_file.stat().st_size > loading.MAX_FILE_BYTES else []
        load_s, dataset = best_of(lambda: load(Path(tmp)), repeat)
        assert not dataset.problems, [p.message() for p in dataset.problems[:5]]
        assert len(dataset.events) == n
        rss = measure_rss(Path(tmp))
    events, actors = dataset.events, dataset.actors
    names = [geography().country_names(lang) for lang in LANGUAGES]
    index_s, index = best_of(lambda: search_index(events, actors, names), repeat)
    filter_s, kept = best_of(lambda: apply_filters(events, FILTERS, index), repeat)
    actor_names = dict(zip(actors["actor"], actors["actor"], strict=True))
    first_s, catalogue = best_of(lambda: marker_catalogue(events, "en", actor_names), repeat)
    markers = build_event_layers(events, LAST_DAY, FIRST_DAY, catalogue)[0].payload
    assert len(markers["events"]) == 2 * n, f"{len(markers['events']) // 2} of {n} events shown"
    empty = page_bytes(empty_page())
    pages = {
        "app, next view": lambda: app_page(events, catalogue),
        "per-marker": None if per_marker_skip else lambda: per_marker_page(events),
        "FastMarkerCluster": lambda: fast_cluster_page(events),
    }
    approaches = {}
    for name, page in pages.items():
        if page:
            seconds, html = best_of(page, repeat)
            approaches[name] = (seconds, page_bytes(html) - empty)
    # the first view of a dataset: its catalogue, then the view
    view_s, view_bytes = approaches["app, next view"]
    approaches["app, first view"] = (first_s + view_s, view_bytes + catalogue_bytes(catalogue)[1])
    return {
        "n": n,
        "repeat": repeat,
        "csv_mb": csv_mb,
        "refusal": refusal,
        "load_s": load_s,
        "index_ms": index_s * 1000,
        "filter_ms": filter_s * 1000,
        "kept": len(kept),
        "rss": rss,
        "approaches": approaches,
        "catalogue": catalogue_bytes(catalogue),
        "fields": catalogue.payload["fields"],
    }


def print_data_table(results: list[dict]) -> None:
    print(
        f"{'events':>7} {'runs':>4} {'CSV MB':>7} {'load+validate s':>16} {'index ms':>9} {'filter ms':>10} "
        f"{'kept':>6} {'app RSS MB':>11} {'(floor MB)':>11}"
    )
    for r in results:
        floor, peak = r["rss"]
        print(
            f"{r['n']:>7,} {r['repeat']:>4} {r['csv_mb']:>7.1f} {r['load_s']:>16.2f} {r['index_ms']:>9.1f} "
            f"{r['filter_ms']:>10.1f} {r['kept']:>6,} {peak:>11.0f} {f'({floor:.0f})':>11}"
        )
    size, goal = INDEX_GOAL_MS
    for r in results:
        if r["n"] == size:
            verdict = "met" if r["index_ms"] <= goal else "not met"
            print(f"search index at {size:,} events: {r['index_ms']:.0f} ms (goal <= {goal} ms: {verdict})")
        for message in r["refusal"]:
            print(f"at {r['n']:,} events the shipped loader says: {message}")
            print(f"  (measured above with loading.MAX_FILE_BYTES raised to {RAISED_LIMIT:,})")


def print_layer_table(results: list[dict], skipped: dict[int, str]) -> None:
    print(
        f"{'events':>7} {'approach':<18} {'build+render s':>15} {'KB':>9} {'B/event':>8}  "
        f"{'vs per-marker':<28} vs FastMarkerCluster"
    )
    for r in results:
        approaches, n = r["approaches"], r["n"]
        for name in ("app, first view", "app, next view", "per-marker", "FastMarkerCluster"):
            if name not in approaches:
                print(f"{n:>7,} {name:<18} {skipped[n]}")
                continue
            seconds, size = approaches[name]
            line = f"{n:>7,} {name:<18} {seconds:>15.3f} {size / 1024:>9,.0f} {size / n:>8,.0f}"
            if name.startswith("app"):
                app = approaches[name]
                versus = comparison(app, approaches.get("per-marker")), comparison(app, approaches["FastMarkerCluster"])
                line += f"  {versus[0]:<28} {versus[1]}"
            print(line)
    print("The app's catalogue file (once per dataset and language; the first view's bytes count it gzipped):")
    for r in results:
        raw, gzipped = r["catalogue"]
        print(f"{r['n']:>7,} events: {raw / r['n']:,.0f} B/event raw, {gzipped / r['n']:,.0f} B/event gzipped")


def main(sizes: tuple[int, ...] = (1_000, 10_000, 100_000)) -> None:
    started = time.perf_counter()
    results, skipped = [], {}
    for n in sizes:
        previous = results[-1]["approaches"].get("per-marker") if results else None
        if previous and previous[0] > PER_MARKER_BUDGET_S:
            skipped[n] = f"skipped ({previous[0]:.0f} s at {results[-1]['n'] // 1000}k)"
        elif results and results[-1]["n"] in skipped:
            skipped[n] = skipped[results[-1]["n"]]
        results.append(measure_size(n, skipped.get(n, "")))
    print(
        f"Synthetic point events in {', '.join(COUNTRIES)}, all shown ({FIRST_DAY} to {LAST_DAY}); "
        f"best of 'runs' runs. Filter: {FILTERS.start} to {FILTERS.end}, text {FILTERS.text!r}."
    )
    print(f"The app's catalogue holds per marker: {', '.join(results[0]['fields'])}; a view sends numbers.")
    print_data_table(results)
    print("Layer build + render; bytes = rendered page minus an empty folium.Map's page:")
    print_layer_table(results, skipped)
    print(f"total bench time: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
