"""What the Map page sends over Streamlit's websocket, against a floor measured in the same run.

Measured in Debian's Chromium (headless, offline) on the app served on a free local port: the bytes the
browser receives over the websocket for a cold load of the Map page (as of 17 February 2022, Mali), then for
one as-of step (17 February 2023 typed in the as-of date, then Enter). Floor: the same step with a search
that matches no event, where the page still sends its map, table and texts but no marker. The map's
geography is not in either figure: the browser fetches static/geo/basemap.json once, over HTTP, and keeps it.

Run: python bench/bench_websocket.py   (needs /usr/bin/chromium and the playwright package)
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import READY, chromium, served_app

VIEW = "Map?asof=2022-02-17&region=Mali"
EMPTY = "Map?asof=2022-02-17&region=Mali&q=zzzznothing"
SETTLE_S = 4  # after the script has run, the map component reports back and may cause one more small rerun


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


def main() -> None:
    figures = {}
    with served_app() as url, chromium() as browser:
        for name, path in (("view", VIEW), ("floor", EMPTY)):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            figures[name] = measure(context.new_page(), f"{url}/{path}")
            context.close()
    print(f"{'Map page, websocket bytes':<34} {'cold load':>10} {'as-of step':>11}")
    for name, label in (("view", "17 Feb 2022, Mali (app)"), ("floor", "same, no event matched (floor)")):
        cold, step = figures[name]
        print(f"{label:<34} {cold:>10,} {step:>11,}")
    (cold, step), (floor_cold, floor_step) = figures["view"], figures["floor"]
    print(f"ratio to the floor: cold load {cold / floor_cold:.2f}x, as-of step {step / floor_step:.2f}x")


if __name__ == "__main__":
    main()
