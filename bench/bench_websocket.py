"""What the Map page sends over Streamlit's websocket, and how long a filter change takes to reach the map, against a
floor measured in the same run.

Measured in Debian's Chromium (headless, offline) on the app served on a free local port: the bytes the
browser receives over the websocket for a cold load of the Map page (as of 17 February 2022, Mali), then for
one as-of step (17 February 2023 typed in the as-of date, then Enter). Floor: the same step with a search
that matches no event, where the page still sends its map, table and texts but no marker. The map's
geography is not in either figure: the browser fetches static/geo/basemap.json once, over HTTP, and keeps it;
nor is the markers' catalogue (static/published/, fetched once per dataset and language, over HTTP).

Filter change: from Enter in the Categories box ("Attack" typed) until the address carries the filter, the script
has run and the map's markers have changed; floor: the same change on the view where no event matches, until the
script has run (no marker to draw). Median of ROUNDS fresh loads each, the two interleaved.

Run: python bench/bench_websocket.py [rounds]   (needs /usr/bin/chromium and the playwright package)
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import READY, chromium, served_app

VIEW = "Map?asof=2022-02-17&region=Mali"
EMPTY = "Map?asof=2022-02-17&region=Mali&q=zzzznothing"
SETTLE_S = 4  # after the script has run, the map component reports back and may cause one more small rerun
ROUNDS = 5
MAP = "streamlit_folium"
# Events represented on the map: each cluster bubble counts its members, each lone marker one.
ON_MAP = """() => {
  const clusters = [...document.querySelectorAll('.marker-cluster span')].map(s => parseInt(s.textContent));
  return clusters.reduce((a, b) => a + b, 0) + document.querySelectorAll('.leaflet-marker-icon.sahel-marker').length;
}"""


def measure(page, url: str) -> tuple[int, int]:
    """(bytes received over the websocket for a cold load of `url`, for one as-of step after it)."""
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    time.sleep(SETTLE_S)
    cold = sum(received)
    received.clear()
    page.wait_for_selector("#sahel-enter-applies-dates", state="attached")
    page.get_by_test_id("stMain").get_by_role("spinbutton", name="year, As of").click()
    page.keyboard.type("2023")
    page.keyboard.type("02")
    page.keyboard.type("17")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('asof=2023-02-17')", timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    time.sleep(SETTLE_S)
    return cold, sum(received)


def filter_change_seconds(page, url: str, markers: bool) -> float:
    """Seconds from Enter in the Categories box to the filtered view: script run and, if `markers`, map redrawn."""
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    frame = None
    if markers:
        page.frame_locator(f'iframe[title="{MAP}.st_folium"]').locator(".sahel-marker").first.wait_for(timeout=30_000)
        frame = next(f for f in page.frames if MAP in f.url)
    time.sleep(SETTLE_S)
    before = frame.evaluate(ON_MAP) if frame else 0
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Categories").click()
    page.keyboard.type("Attack")
    start = time.perf_counter()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('category=attack')", timeout=60_000)
    page.wait_for_selector(READY, timeout=60_000)
    if frame:
        frame.wait_for_function(f"() => ({ON_MAP})() !== {before}", polling=20, timeout=60_000)
    return time.perf_counter() - start


def main(rounds: int = ROUNDS) -> None:
    figures, changes = {}, {"view": [], "floor": []}
    with served_app() as url, chromium() as browser:
        for name, path in (("view", VIEW), ("floor", EMPTY)):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            figures[name] = measure(context.new_page(), f"{url}/{path}")
            context.close()
        for _ in range(rounds):
            for name, path in (("view", VIEW), ("floor", EMPTY)):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                changes[name].append(filter_change_seconds(context.new_page(), f"{url}/{path}", name == "view"))
                context.close()
    print(f"{'Map page, websocket bytes':<34} {'cold load':>10} {'as-of step':>11}")
    for name, label in (("view", "17 Feb 2022, Mali (app)"), ("floor", "same, no event matched (floor)")):
        cold, step = figures[name]
        print(f"{label:<34} {cold:>10,} {step:>11,}")
    (cold, step), (floor_cold, floor_step) = figures["view"], figures["floor"]
    print(f"ratio to the floor: cold load {cold / floor_cold:.2f}x, as-of step {step / floor_step:.2f}x")
    view_s, floor_s = statistics.median(changes["view"]), statistics.median(changes["floor"])
    print(f"filter change to the map updated, median of {rounds}: {view_s:.2f} s; floor (no marker) {floor_s:.2f} s")
    print(f"ratio to the floor: filter change {view_s / floor_s:.2f}x")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
