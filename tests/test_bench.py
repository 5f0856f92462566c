"""The benchmarks still run against the current code (their figures go in the README)."""

from bench import bench_filters, bench_playback, bench_scale


def test_benchmarks_run(capsys):
    bench_filters.main(sizes=(1,))
    bench_playback.main(steps=2)
    out = capsys.readouterr().out
    assert "speed-up" in out and "in-place layers (app)" in out


def test_scale_benchmark_runs_at_its_smallest_size(capsys):
    bench_scale.main(sizes=(1_000,))
    out = capsys.readouterr().out
    assert "  1,000 app " in out and "  1,000 per-marker " in out and "  1,000 FastMarkerCluster " in out
    assert "x faster" in out or "x slower" in out
