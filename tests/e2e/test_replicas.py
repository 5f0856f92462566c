"""Two replicas behind nginx (deploy/): a reader's view survives the death of the replica serving it, and a cold
Map load through the proxy arrives compressed (its transferred bytes are written to artifacts/proxy-cold-load.txt)."""

import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from deploy.replicas import BROTLI_MODULE, find_nginx, render_config, running
from tests.e2e.conftest import ARTIFACTS, READY, Visit, free_port, unavailable
from tests.e2e.test_browser import EVENTS_ON_MAP, folium_frame

VIEW = "Map?category=base&actor=France&asof=2022-02-17&region=Mali"


@pytest.fixture(scope="module")
def deployment():
    if find_nginx() is None:
        unavailable("nginx not found: install Debian's nginx package")
    ports: set[int] = set()
    while len(ports) < 3:
        ports.add(free_port())
    listen, *replica_ports = sorted(ports)
    with (
        tempfile.TemporaryDirectory(prefix="sahel-replicas-") as prefix,
        running(replica_ports, listen, Path(prefix)) as d,
    ):
        try:
            yield d
        finally:
            shutil.rmtree(ARTIFACTS / "replicas", ignore_errors=True)
            (ARTIFACTS / "replicas").mkdir(parents=True)
            for log in Path(prefix).glob("*.log"):
                shutil.copy(log, ARTIFACTS / "replicas" / log.name)


def upstreams(deployment, key: str) -> list[str]:
    """The replica address(es) nginx logged for each request under sticky key `key`, in order."""
    lines = (deployment.prefix / "access.log").read_text().splitlines()
    return [re.search(r"upstream=(\S+(?:, \S+)*) key=", line).group(1) for line in lines if line.endswith(f"key={key}")]


def active_sessions(port: int) -> float:
    """Open sessions on one replica, from its own /_stcore/metrics (the proxy refuses that path)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=5) as response:
        return float(re.search(r"^active_sessions (\S+)$", response.read().decode(), re.MULTILINE).group(1))


def drawn_view(v: Visit) -> dict:
    """What the reader sees: the link's parameters, the selection sentence, the events on the map."""
    frame = folium_frame(v.page)
    v.page.wait_for_selector(READY)
    sentence = v.page.get_by_test_id("stMain").get_by_test_id("stMarkdown").first.inner_text()
    return {
        "query": parse_qs(urlsplit(v.page.url).query),
        "sentence": sentence,
        "on_map": frame.evaluate(EVENTS_ON_MAP),
    }


def test_a_cold_map_load_through_the_proxy_is_compressed(browser, deployment):
    v = Visit(browser, deployment.url)  # a fresh context: empty cache, no cookie
    finished = []
    v.context.on("requestfinished", lambda request: finished.append(request))
    try:
        v.open(VIEW)
        folium_frame(v.page)
        v.wait()
        rows = []
        for request in finished:
            response = request.response()
            sent = request.sizes()["responseBodySize"]
            rows.append((sent, len(response.body()), response.header_value("content-encoding"), request.url))
        assert not v.blocked and not v.errors
    finally:
        v.close()
    sent, body = sum(r[0] for r in rows), sum(r[1] for r in rows)
    lines = [f"Map cold load through nginx ({VIEW}): {len(rows)} HTTP responses, {sent:,} bytes transferred "]
    lines[0] += f"(response bodies as received), {body:,} bytes decoded; websocket traffic not counted."
    lines += [f"{s:>10,} {b:>10,} {e or 'identity':>8} {urlsplit(u).path}" for s, b, e, u in sorted(rows, reverse=True)]
    (ARTIFACTS / "proxy-cold-load.txt").write_text("\n".join(lines) + "\n")

    # Streamlit's main bundle (~480 KB) arrives compressed, at well under half its size
    bundle = next(r for r in rows if re.search(r"/static/js/index\.[\w-]+\.js$", r[3]))
    assert bundle[2] in {"gzip", "br"} and bundle[0] < 0.4 * bundle[1]
    # and a client that accepts only gzip gets gzip
    request = urllib.request.Request(bundle[3], headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
    # nothing the Map page does not draw: no table code while the table is closed, no Markdown-to-HTML bundle for
    # the legend, no jQuery, no code highlighter, no Plotly
    unused = ("DataFrame", "rehype-raw", "jquery", "Highlight", "prism", "Plotly")
    assert not [r[3] for r in rows if any(name.lower() in urlsplit(r[3]).path.lower() for name in unused)]
    # the map's marker catalogue, written by the app and named by its digest: compressed, kept a year
    catalogue = next(r for r in rows if "/app/static/published/markers-en-" in r[3])
    assert catalogue[2] in {"gzip", "br"} and catalogue[0] < 0.5 * catalogue[1]
    with urllib.request.urlopen(catalogue[3], timeout=10) as response:
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    missing = catalogue[3].replace("/markers-en-", "/markers-xx-")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(missing, timeout=10)
    assert refused.value.code == 404 and "immutable" not in (refused.value.headers["Cache-Control"] or "")
    assert sent < body / 2


def test_killing_the_replica_serving_a_view_keeps_the_view(browser, deployment):
    v = Visit(browser, deployment.url)
    try:
        v.open(VIEW)
        before = drawn_view(v)
        assert before["query"]["asof"] == ["2022-02-17"] and before["on_map"] > 0

        # The replica holding this reader: the one nginx sent every request under the reader's sticky cookie to
        key = next(c["value"] for c in v.context.cookies() if c["name"] == "sahel_replica")
        served = set(upstreams(deployment, key))
        assert len(served) == 1
        port = int(served.pop().rsplit(":", 1)[1])
        other = next(p for p in deployment.replicas if p != port)
        assert active_sessions(port) >= 1

        deployment.replicas[port].kill()  # by its PID, as a crash would
        deployment.replicas[port].wait(timeout=10)
        v.page.reload()
        v.wait()
        after = drawn_view(v)
        v.screenshot("replicas-after-failover")

        assert after == before
        assert upstreams(deployment, key)[-1] == f"127.0.0.1:{other}"
        assert active_sessions(other) >= 1
        assert not v.blocked and not v.errors
    finally:
        v.close()


@pytest.mark.parametrize("brotli", [False, True])
def test_the_rendered_config_passes_nginx_own_check(tmp_path, brotli):
    nginx = find_nginx()
    if nginx is None:
        unavailable("nginx not found: install Debian's nginx package")
    if brotli and not BROTLI_MODULE.exists():
        pytest.skip(f"{BROTLI_MODULE} not installed (Debian's libnginx-mod-http-brotli-filter)")
    config = tmp_path / "nginx.conf"
    config.write_text(render_config(8080, [8601, 8602, 8603], tmp_path, brotli))
    check = subprocess.run(
        [nginx, "-t", "-p", tmp_path, "-e", tmp_path / "error.log", "-c", config], capture_output=True
    )
    assert check.returncode == 0, check.stderr.decode()
    assert config.read_text().count("max_fails=1 fail_timeout=10s;") == 3 and not re.search(
        "@@[A-Z_]+@@", config.read_text()
    )
    with pytest.raises(ValueError):
        render_config(8080, [], tmp_path, brotli)
