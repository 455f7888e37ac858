"""What the workers' fork server imports once, before it forks any (see `newsgraph.ingest.pool`):
stage A's modules, and the spaCy pipeline the settings name, loaded and run on one short page
so that the lazy tables of the cleaner and the extractors are read too. Every worker forked
afterwards starts with all of it in memory (shared until written). What was loaded is then
frozen out of the garbage collector's reach (`gc.freeze`): it lives as long as the worker, yet
each full collection in a worker would walk its hundred thousand objects again, and write to
their pages, which then stop being shared.

A failure here must not stop the fork server: a worker then loads what it needs itself and
reports what is wrong, as it would without the server.
"""

from __future__ import annotations

import gc
import logging


def _preload() -> None:
    from newsgraph.config import Settings
    from newsgraph.ingest.pool import warm
    from newsgraph.pipeline import analyze
    from newsgraph.records import Document

    settings = Settings()
    warm(settings.model)
    page = "<html><body><p>Officials said on Monday that 3 people had died.</p></body></html>"
    analyze([Document("preload", "preload", page, "html")], settings)
    gc.collect()  # what the preload left as garbage goes now, not into the frozen generation
    gc.freeze()


try:
    _preload()
except Exception:  # a worker then loads what it needs itself (see above)
    logging.getLogger(__name__).debug("preloading stage A failed", exc_info=True)
