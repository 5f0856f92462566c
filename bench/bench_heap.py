"""Whether playback keeps the browser's memory flat, against an idle page measured in the same run.

Measured in Debian's Chromium (headless, offline): the Map page (Sahel, events of the preceding 12 months)
plays month by month from January 2014 for `steps` steps; every 10 steps the JavaScript heap is measured after
a forced garbage collection (Chrome DevTools Protocol: HeapProfiler.collectGarbage, Runtime.getHeapUsage).
Baselines, measured the same way: the same page left idle for as long; and the same playback with the bases
alone (a few markers that seldom change), which shows what Streamlit's own reruns keep. A heap that grows step
after step (the markers of past steps kept alive) shows as a slope well above both. Slopes are given over all
steps and from step 10 on (after the first steps have warmed the page's caches).

Run: python bench/bench_heap.py [steps, default 40]
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import READY, chromium, served_app

VIEW = "Map?asof=2014-01-01&region=Sahel&window=12"
BASES = VIEW + "&category=base"
STEP_S = 1.5  # pages/1_Map.py STEP_SECONDS
EVERY = 10  # steps between measurements


def heap_mb(cdp) -> float:
    """Used JavaScript heap of the page and its frames, in MB, after a garbage collection."""
    cdp.send("HeapProfiler.collectGarbage")
    return cdp.send("Runtime.getHeapUsage")["usedSize"] / 1e6


def measure(browser, url: str, steps: int, play: bool, view: str = VIEW) -> list[float]:
    """Heap (MB) at the start and after every EVERY steps' worth of time, playing or idle."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{url}/{view}")
    page.wait_for_selector(READY, timeout=60_000)
    page.frame_locator('iframe[title="streamlit_folium.st_folium"]').locator(".leaflet-marker-icon").first.wait_for()
    cdp = context.new_cdp_session(page)
    heaps = [heap_mb(cdp)]
    if play:
        page.get_by_role("button", name="Play").click()
    for _ in range(steps // EVERY):
        time.sleep(EVERY * STEP_S)
        heaps.append(heap_mb(cdp))
    context.close()
    return heaps


def main(steps: int = 40) -> None:
    with served_app() as url, chromium() as browser:
        runs = {
            "playback (app)": measure(browser, url, steps, play=True),
            "playback, bases only": measure(browser, url, steps, play=True, view=BASES),
            "idle page (baseline)": measure(browser, url, steps, play=False),
        }
    print(f"JavaScript heap after GC, MB, every {EVERY} steps of {STEP_S} s ({steps} steps); slope: all, from step 10")
    for name, heaps in runs.items():
        slope = (heaps[-1] - heaps[0]) / steps * 1000
        later = (heaps[-1] - heaps[1]) / (steps - EVERY) * 1000 if steps > EVERY else slope
        print(f"{name:<22} " + " ".join(f"{h:6.2f}" for h in heaps) + f"   {slope:+.0f} / {later:+.0f} KB per step")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
