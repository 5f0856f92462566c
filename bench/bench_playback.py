"""Cost of one playback step on the Map page, against a baseline measured in the same run.

Baseline: the whole map (base map with boundaries, rivers and lakes, plus the dated layers) built and
rendered as one page, which the browser would reload at each step, losing the user's pan and zoom.
Measured: what the app does per step, as streamlit-folium does it: build the base map and the dated
layers (regimes, bases, events, selection) and generate the base script plus one script per layer; the
browser keeps the map (its script is unchanged) and swaps the layers in place. Also reported: the size
of the dated layers' scripts, the part that changes from step to step.

Run: python bench/bench_playback.py
"""

import sys
import timeit
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit_folium import generate_leaflet_string  # noqa: E402

from sahel_atlas.geography import load_geography  # noqa: E402
from sahel_atlas.loading import load_dataset  # noqa: E402
from sahel_atlas.mapview import (  # noqa: E402
    build_base_map,
    build_event_layers,
    build_regime_layer,
    marker_catalogue,
    window_start,
)
from sahel_atlas.summary import next_month, regimes_on  # noqa: E402

START = date(2013, 1, 1)


def dated_layers(dataset, geography, day, catalogue):
    layers = [build_regime_layer(geography, regimes_on(dataset.regimes, day), "en")]
    return layers + build_event_layers(dataset.events, day, window_start(day, 12, START), catalogue)


def in_place_step(dataset, geography, day, catalogue) -> int:
    fmap = build_base_map("Sahel")
    fmap.render()
    generate_leaflet_string(fmap)  # the base script: unchanged between steps, so the map is not reloaded
    changed = 0
    for index, layer in enumerate(dated_layers(dataset, geography, day, catalogue)):
        layer.add_to(fmap)
        layer.render()
        changed += len(generate_leaflet_string(layer, base_id=f"feature_group_{index}"))
    return changed


def full_rebuild(dataset, geography, day, catalogue) -> int:
    fmap = build_base_map("Sahel")
    for layer in dated_layers(dataset, geography, day, catalogue):
        layer.add_to(fmap)
    return len(fmap.get_root().render())


def main(steps: int = 12) -> None:
    geography = load_geography(ROOT / "geo")
    dataset = load_dataset(ROOT / "data", set(geography.country_names()))
    days = [date(2021, 1, 17)]
    for _ in range(steps - 1):
        days.append(next_month(days[-1]))

    catalogue = marker_catalogue(dataset.events)  # once per dataset, as the app does (AppData.marker_catalogue)

    def run(step):
        return sum(step(dataset, geography, day, catalogue) for day in days) / len(days)

    base_bytes, step_bytes = run(full_rebuild), run(in_place_step)
    base_ms = min(timeit.repeat(lambda: run(full_rebuild), repeat=3, number=1)) / len(days) * 1000
    step_ms = min(timeit.repeat(lambda: run(in_place_step), repeat=3, number=1)) / len(days) * 1000
    print(f"{len(dataset.events)} events, {steps} monthly steps from {days[0]} (means per step)")
    print(f"{'':26} {'ms':>8} {'KB':>9}")
    print(f"{'full rebuild (baseline)':26} {base_ms:>8.1f} {base_bytes / 1024:>9.1f}")
    print(f"{'in-place layers (app)':26} {step_ms:>8.1f} {step_bytes / 1024:>9.1f}")
    print(
        f"time ratio baseline/app: {base_ms / step_ms:.2f}; the app's changing part is "
        f"{step_bytes / base_bytes:.0%} of the full page"
    )


if __name__ == "__main__":
    main()
