"""How fast a filter change is, against a baseline measured in the same run.

Baseline: a text search that folds every event's text at query time. Measured: `apply_filters` with
the search index that the app builds once and caches. Also timed: building the map's event layers
and the timeline, the other work a filter change does. The real dataset is replicated to reach
dataset sizes a future version may have.

Run: python bench/bench_filters.py
"""

import sys
import timeit
from datetime import date
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sahel_atlas.charts import build_timeline  # noqa: E402
from sahel_atlas.filters import Filters, apply_filters, search_index  # noqa: E402
from sahel_atlas.geography import load_geography  # noqa: E402
from sahel_atlas.loading import load_dataset  # noqa: E402
from sahel_atlas.mapview import build_event_layers, marker_catalogue  # noqa: E402

FILTERS = Filters(start=date(2015, 1, 1), end=date(2023, 12, 31), text="niger base")
AS_OF = date(2022, 2, 17)  # map layers drawn as of this day, with every event since the range start


def baseline_text_filter(events: pd.DataFrame, actors: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Fold the text of every event on every query (what the cached index avoids)."""
    return apply_filters(events, filters, search_index(events, actors))


def best_ms(func, repeat=5, number=3) -> float:
    return min(timeit.repeat(func, repeat=repeat, number=number)) / number * 1000


def main(sizes: tuple[int, ...] = (1, 10, 50)) -> None:
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    print(
        f"{'events':>7} {'baseline ms':>12} {'indexed ms':>11} {'speed-up':>9} "
        f"{'map layers ms':>14} {'timeline ms':>12}"
    )
    for copies in sizes:
        events = pd.concat(
            [dataset.events.assign(event_id=dataset.events["event_id"] + f"-copy{k}") for k in range(copies)],
            ignore_index=True,
        )
        catalogue = marker_catalogue(events)  # once per dataset, as the app does
        index = search_index(events, dataset.actors)
        kept = apply_filters(events, FILTERS, index)
        assert kept.equals(baseline_text_filter(events, dataset.actors, FILTERS))
        base = best_ms(lambda: baseline_text_filter(events, dataset.actors, FILTERS))  # noqa: B023
        fast = best_ms(lambda: apply_filters(events, FILTERS, index))  # noqa: B023
        layers = best_ms(lambda: build_event_layers(events, AS_OF, FILTERS.start, catalogue), repeat=3, number=1)  # noqa: B023
        timeline = best_ms(lambda: build_timeline(events, FILTERS.start, FILTERS.end), repeat=3, number=1)  # noqa: B023
        print(f"{len(events):>7} {base:>12.1f} {fast:>11.1f} {base / fast:>8.1f}x {layers:>14.1f} {timeline:>12.1f}")


if __name__ == "__main__":
    main()
