"""A real Streamlit server and Debian's headless Chromium, with every non-local request blocked."""

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from deploy.replicas import wait_healthy
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def unavailable(reason: str):
    """Skip where no browser is installed; under CI the browser tests must run, so fail instead."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(data_dir=None):
    """The app on a free local port, reading `data_dir` (SAHEL_ATLAS_DATA) where given; stopped on exit."""
    port, env = free_port(), dict(os.environ)
    if data_dir is not None:
        env["SAHEL_ATLAS_DATA"] = str(data_dir)
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"streamlit-server-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            try:
                wait_healthy(url, server, log)
            except RuntimeError as error:
                pytest.fail(f"Streamlit did not start: {error}")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url():
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} not found: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """One page, offline: requests off this machine are aborted and remembered, errors collected."""

    def __init__(self, browser, app_url, viewport=None):
        # A browser in English (the language Streamlit, Plotly and Leaflet write in): French must come from the app.
        viewport = viewport or {"width": 1400, "height": 1000}
        self.context = browser.new_context(viewport=viewport, locale="en-US", accept_downloads=True)
        self.page = self.context.new_page()
        self.app_url = app_url
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        if route.request.url.startswith(self.app_url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: str = ""):
        self.page.goto(f"{self.app_url}/{path}")
        self.wait()
        return self.page

    def wait(self):
        """Until the script has run and its elements are drawn (no skeleton placeholders left)."""
        self.page.wait_for_selector(READY, timeout=60_000)
        self.page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        self.page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
        self.page.wait_for_selector(READY, timeout=60_000)

    def map_frame(self):
        return self.page.frame_locator('iframe[title="streamlit_folium.st_folium"]')

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, app_url, request):
    visits = []

    def make(viewport=None):
        v = Visit(browser, app_url, viewport)
        visits.append(v)
        return v

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for v in visits:
        if failed:
            v.screenshot(f"failed-{request.node.name}")
        v.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
