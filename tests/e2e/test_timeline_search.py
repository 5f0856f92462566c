"""A reader's app: the timeline on a desktop and a phone, search as people type it, no developer chrome."""

import re
import urllib.request

UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


# --- Server settings for readers (.streamlit/config.toml) ---------------------------------------------


def test_the_menu_offers_readers_no_developer_entries(visit):
    v = visit()
    page = v.open("")
    header = page.get_by_test_id("stHeader")
    assert header.get_by_role("button", name="Deploy").count() == 0
    menu = page.get_by_test_id("stMainMenu")
    entries = ""
    if menu.count():
        menu.get_by_role("button").click()
        popover = page.get_by_test_id("stMainMenuPopover")
        popover.wait_for(timeout=5_000)
        entries = popover.inner_text()
    for developer in ("Deploy", "Rerun", "Clear cache", "Record a screencast", "Record screen", "Settings"):
        assert developer not in entries
    v.screenshot("reader-menu")


def test_uploads_are_refused_even_from_an_open_session(visit):
    """The app has no uploader; Streamlit's upload endpoint refuses any body (server.maxUploadSize = 0)."""
    v = visit()
    frames = []
    v.page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(payload)))
    page = v.open("")
    ids = dict.fromkeys(m.decode() for f in frames if isinstance(f, bytes) for m in UUID.findall(f))
    token = next(c["value"] for c in v.context.cookies() if c["name"] == "_streamlit_xsrf")
    files = {"file": {"name": "big.csv", "mimeType": "text/csv", "buffer": b"x" * 100_000}}
    statuses = []
    for candidate in ids:  # the session id is one of the ids the server sent; the others answer 400
        url = f"{v.app_url}/_stcore/upload_file/{candidate}/file-1"
        statuses.append(page.request.put(url, multipart=files, headers={"X-Xsrftoken": token}).status)
        assert page.request.put(url, multipart=files).status == 403  # no XSRF token
    assert 413 in statuses and all(status >= 400 for status in statuses)


def test_metrics_publish_no_per_user_family(app_url):
    """/_stcore/metrics cannot be switched off in Streamlit 1.67; it must at least publish no per-user data."""
    with urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    assert "session" in text and "user_session_events" not in text
