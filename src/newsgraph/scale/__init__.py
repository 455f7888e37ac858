"""Scale-out of stage A: sharded inputs to resumable Parquet shards (local or Ray), then `load`.

Importing this package imports neither Ray nor pyarrow; the engines import them when they run.
"""

from newsgraph.scale.engines import Engine, RunSummary, run
from newsgraph.scale.load import LoadSummary, load

__all__ = ["Engine", "LoadSummary", "RunSummary", "load", "run"]
