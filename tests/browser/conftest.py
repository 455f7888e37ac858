"""A real uvicorn server on a free loopback port and a headless Chromium driven by Playwright.

Without /usr/bin/chromium the browser tests skip with a message, except in CI (CI set), where
they fail: CI must install chromium.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import Store, open_store
from tests.views.web.corpus import Corpus, build_corpus
from tests.views.web.server import loopback_socket

SEEDS = Path(__file__).parents[2] / "examples"
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def _chromium_or_skip() -> None:
    if CHROMIUM.exists() or shutil.which(str(CHROMIUM)):
        return
    message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium`"
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need Chromium in CI; {message}")
    pytest.skip(message)


@contextmanager
def serving(store: Store) -> Iterator[str]:
    """The web app over `store`, served by uvicorn in a thread on a free port; its base URL."""
    import uvicorn

    from newsgraph.views.web.app import create_app

    sock = loopback_socket()
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        create_app(store, api_token=""),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Corpus]]:
    """The web app over the test corpus; stopped afterwards."""
    _chromium_or_skip()
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}")
    corpus = build_corpus(store)
    try:
        with serving(store) as base:
            yield base, corpus
    finally:
        store.close()


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The web app over the two seed pages, ingested and linked by the real pipeline."""
    _chromium_or_skip()
    from newsgraph.config import Settings
    from newsgraph.ingest import ingest
    from newsgraph.link import link

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'store.db'}")
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert len(seeds) == 2, f"the two seed pages are expected in {SEEDS}"
    ingest(seeds, store, Settings())
    link(store)
    try:
        with serving(store) as base:
            yield base, store
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser(server: tuple[str, Corpus]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records every dialog and console error, and refuses off-host requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.offsite = []

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:"):
            request_route.continue_()
        else:
            tab.offsite.append(url)
            request_route.abort()

    tab.on("dialog", on_dialog)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    context.route("**/*", route)
    try:
        yield tab
    finally:
        context.close()
