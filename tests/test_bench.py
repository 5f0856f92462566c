"""The benchmarks still run against the current code (their figures go in the README)."""

from bench import bench_filters, bench_playback


def test_benchmarks_run(capsys):
    bench_filters.main(sizes=(1,))
    bench_playback.main(steps=2)
    out = capsys.readouterr().out
    assert "speed-up" in out and "in-place layers (app)" in out
