"""robots.txt, fetched once per host and obeyed (RFC 9309): a missing file allows everything, an
unreachable one (5xx, network failure) disallows everything until the next run."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from newsgraph.fetch.polite import Reply


class Robots:
    """The robots rules of every host met in one run, each fetched with `get` on first use.

    A host whose robots.txt could not be had is disallowed, and `problem` says why (unreachable,
    timed out, a server error), so a site that is down is never reported as one that says no.
    """

    def __init__(self, agent: str, get: Callable[[str], Reply | None]) -> None:
        self.agent = agent
        self.get = get
        self.rules: dict[str, RobotFileParser] = {}
        self.problems: dict[str, str] = {}

    @staticmethod
    def _origin(url: str) -> str:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}"

    def problem(self, url: str) -> str | None:
        """Why the host of `url` cannot be crawled at all, or None when its robots.txt was read."""
        self._rules(url)
        return self.problems.get(self._origin(url))

    def _rules(self, url: str) -> RobotFileParser:
        origin = self._origin(url)
        if origin not in self.rules:
            parser = RobotFileParser(origin + "/robots.txt")
            response = self.get(origin + "/robots.txt")
            if response is None or response.status == 0:
                self.problems[origin] = (
                    response.error if response and response.error else "unreachable"
                )
                parser.parse(["User-agent: *", "Disallow: /"])
            elif response.status >= 500:
                self.problems[origin] = (
                    f"robots.txt answered {response.error or response.status}: the site is not "
                    "fetched until it answers (RFC 9309)"
                )
                parser.parse(["User-agent: *", "Disallow: /"])
            elif response.status >= 400:
                parser.parse([])
            else:
                parser.parse(response.body.decode("utf-8", "replace").splitlines())
            self.rules[origin] = parser
        return self.rules[origin]

    def allowed(self, url: str) -> bool:
        return self._rules(url).can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> float | None:
        delay = self._rules(url).crawl_delay(self.agent)
        return float(delay) if delay is not None else None
