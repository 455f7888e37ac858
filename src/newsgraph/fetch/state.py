"""What the fetcher remembers between runs: each URL's validators (ETag, Last-Modified) and when it
was last fetched, in one small JSON file, so the next run sends conditional GETs."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from newsgraph.errors import NewsgraphError


@dataclass(slots=True)
class Visit:
    """The last answer a URL gave: enough to ask the server 'has it changed since?'."""

    status: int
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None


class FetchState:
    """The visits of every URL fetched so far, loaded from and saved to `path`."""

    def __init__(self, path: Path, visits: dict[str, Visit] | None = None) -> None:
        self.path = path
        self.visits = visits or {}

    @classmethod
    def load(cls, path: Path) -> FetchState:
        if not path.is_file():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, {url: Visit(**v) for url, v in data.get("urls", {}).items()})
        except (ValueError, TypeError, AttributeError) as exc:
            reason = " ".join(str(exc).split())
            raise NewsgraphError(
                f"the fetch state {path} is not one newsgraph wrote ({reason})",
                hint="move it away to start afresh: every URL is then fetched again in full",
            ) from exc

    def save(self) -> None:
        """Write the state whole, through a temporary file, so a crash never leaves half of it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        data = {"version": 1, "urls": {u: asdict(v) for u, v in sorted(self.visits.items())}}
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def conditional_headers(self, url: str) -> dict[str, str]:
        """If-None-Match / If-Modified-Since for a URL fetched before, else nothing."""
        visit = self.visits.get(url)
        headers: dict[str, str] = {}
        if visit and visit.etag:
            headers["If-None-Match"] = visit.etag
        if visit and visit.last_modified:
            headers["If-Modified-Since"] = visit.last_modified
        return headers
