"""The benchmarks still run against the current code (their figures go in the README)."""

import os
import subprocess
import sys

import pytest

from bench import bench_filters, bench_playback, bench_scale
from bench.served import CHROMIUM, ROOT


def test_benchmarks_run(capsys):
    bench_filters.main(sizes=(1,))
    bench_playback.main(steps=2)
    out = capsys.readouterr().out
    assert "speed-up" in out and "in-place layers (app)" in out


def test_scale_benchmark_runs_at_its_smallest_size(capsys):
    bench_scale.main(sizes=(1_000,))
    out = capsys.readouterr().out
    for approach in ("app, first view", "app, next view", "per-marker", "FastMarkerCluster"):
        assert f"  1,000 {approach} " in out
    assert "B/event gzipped" in out
    assert "x faster" in out or "x slower" in out


def test_browser_benchmarks_run():
    if not CHROMIUM.exists():  # as for the browser tests: skipped on a machine without it, failed under CI
        reason = f"{CHROMIUM} not found: install Debian's chromium package"
        pytest.fail(reason) if os.environ.get("CI") == "true" else pytest.skip(reason)
    # each in its own process: Playwright's sync API cannot start inside the browser tests' running one
    out = ""
    for command in (["bench/bench_websocket.py", "1"], ["bench/bench_heap.py", "10"]):
        out += subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "ratio to the floor" in out and "idle page (baseline)" in out and "KB per step" in out
    assert "filter change to the map updated" in out
