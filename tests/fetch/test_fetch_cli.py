"""`newsgraph fetch` as a person runs it: every failure says what happened and the exit code is 1;
fetched pages keep their outlet. The real command against the local site of conftest.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from newsgraph.store import open_store
from tests.fetch.conftest import Site

NEWSGRAPH = Path(sys.executable).parent / "newsgraph"
QUICK = ["--delay", "0", "--retries", "0", "--no-link"]


def _newsgraph(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "xdg"), **(env or {})}
    return subprocess.run(
        [str(NEWSGRAPH), *args],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once it is closed


def test_each_failed_url_says_what_happened_and_the_exit_code_is_1(
    site: Site, tmp_path: Path
) -> None:
    site.slow_seconds = 3
    refused = f"http://127.0.0.1:{_closed_port()}/news/a.html"
    urls = {
        refused: "unreachable: ",
        site.url("/news/missing.html"): "HTTP 404 Not Found",
        site.url("/private/secret.html"): "disallowed by robots.txt",
        site.url("/slow.html"): "timed out after 0.5s",
    }
    store = tmp_path / "store.db"
    result = _newsgraph(
        tmp_path,
        "fetch",
        *urls,
        site.url("/news/a.html"),
        "--store",
        str(store),
        "--timeout",
        "0.5",
        *QUICK,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(urls), lines
    for url, reason in urls.items():
        (line,) = [line for line in lines if f" {url}: " in line]
        assert reason in line, line
    (unreachable,) = [line for line in lines if refused in line]
    assert "robots" not in unreachable  # a server that is down is not one that says no
    assert "Traceback" not in result.stderr
    assert "stored 1 new" in result.stdout and "4 failed" in result.stdout


def test_a_fetch_where_everything_failed_is_not_a_success(tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    result = _newsgraph(tmp_path, "fetch", refused, "--store", str(tmp_path / "s.db"), *QUICK)
    assert result.returncode == 1
    assert f"{refused}: unreachable: " in result.stderr and "robots" not in result.stderr


def test_fetched_pages_keep_their_outlet(site: Site, tmp_path: Path) -> None:
    # the local site answers as a proxy, so the pages come from a real registered domain
    url = "http://www.news.example.co.uk/news/a.html"
    store = tmp_path / "store.db"
    result = _newsgraph(
        tmp_path,
        "fetch",
        url,
        "--store",
        str(store),
        *QUICK,
        env={"HTTP_PROXY": site.base, "http_proxy": site.base, "NO_PROXY": "", "no_proxy": ""},
    )
    assert result.returncode == 0, result.stderr
    assert site.requests_for("/news/a.html"), "the page did not come through the local site"
    (article,) = open_store(f"sqlite:///{store}").articles()
    assert (article.url, article.outlet) == (url, "example.co.uk")


def test_a_broken_fetch_state_is_one_line_not_a_traceback(site: Site, tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "state.json").write_text('{"urls": {"x": ', encoding="utf-8")
    result = _newsgraph(
        tmp_path, "fetch", site.url("/news/a.html"), "--state", str(state), *QUICK,
        "--store", str(tmp_path / "s.db"),
    )  # fmt: skip
    assert result.returncode == 2
    assert f"the fetch state {state / 'state.json'} is not one newsgraph wrote" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
