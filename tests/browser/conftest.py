"""Browser fixtures: Debian's Chromium driven by Playwright, and live servers on loopback.

Chromium is /usr/bin/chromium (or $ACTORGRAPH_CHROMIUM); Playwright never downloads a browser
here. Without Chromium or Playwright these tests are skipped with the reason, except under
CI=true, where they must run and a missing browser fails them (`make browser-deps` installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "src/actorgraph/data/sample/sample.jsonl"
SCREENSHOTS = ROOT / "bench/screenshots"
RESULTS = ROOT / "bench/results"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-unsafe-swiftshader",  # WebGL on the CPU (SwiftShader): no GPU on these machines
]
sys.path.append(str(ROOT / "bench"))  # bench/web_synthetic.py builds the 5,000-actor store


def _chromium() -> str | None:
    wanted = os.environ.get("ACTORGRAPH_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(name).exists():
            return name
    return shutil.which("chromium")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{reason}; CI=true requires the browser tests to run (run `make browser-deps`)")
    pytest.skip(f"{reason}; run `make browser-deps` to run the browser tests")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    path = _chromium()
    if path is None:
        _unavailable("Chromium is not installed (/usr/bin/chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class LiveServer:
    """A uvicorn server for `app` on a free loopback port, in a thread of the test process."""

    def __init__(self, app: Any):
        import uvicorn

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Path:
    """The sample corpus ingested through the real pipeline, once per session."""
    from actorgraph.ingest import iter_documents
    from actorgraph.pipeline import Pipeline
    from actorgraph.store import Store

    path = tmp_path_factory.mktemp("web") / "demo.db"
    with Store.open(path) as store:
        docs = (d for d in Pipeline().process(iter_documents([SAMPLE])) if "error" not in d)
        added, _ = store.add_documents(docs)
    assert added >= 20
    return path


@pytest.fixture(scope="session")
def demo_server(demo_db: Path) -> Iterator[LiveServer]:
    from actorgraph.web import create_app

    with LiveServer(create_app(demo_db, token="browser-test-token")) as server:
        yield server


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (1400x900) that records console errors, page errors, dialogs and CSP violations."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))

    def on_dialog(dialog: Any) -> None:
        pg.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    context.close()


def shot(page: Any, name: str, full_page: bool = True) -> None:
    """Save a screenshot of `page` as bench/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
