"""Stage A scale-out: Ray and local engines give the same shards; a killed run resumes cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.errors import MissingExtra
from newsgraph.scale import load, run
from newsgraph.scale.parquet import finished_shards, read_shard
from newsgraph.scale.shards import plan_units
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SHARD = 2  # 3 WARC records, 3 JSONL records, 2 loose pages: 5 shards


def _tables(out: Path) -> dict[str, object]:
    import pyarrow.parquet as pq

    found: dict[str, object] = {}
    for name in sorted(finished_shards(out)):
        found[name] = pq.read_table(out / f"{name}.parquet").to_pylist()
        found[name + ".done"] = (out / f"{name}.done").read_text(encoding="utf-8")
    return found


def test_shards_are_named_by_input_not_by_engine(inputs: Path) -> None:
    units = plan_units([str(inputs)], SHARD)
    assert units == plan_units([str(inputs)], SHARD)
    assert [u["kind"] for u in units] == ["records", "records", "pages"]


def test_local_run_writes_shards_and_a_rerun_skips_them(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run([str(inputs)], out, Settings(), engine="local", shard_size=SHARD)
    assert (first.shards, first.documents, first.already_done) == (5, 8, 0)
    assert first.articles == 8, first
    pairs = [p for name in sorted(finished_shards(out)) for p in read_shard(out, name)]
    assert len({d.id for d, _ in pairs}) == 8
    assert sum(len(a.mentions) for _, a in pairs) > 0
    warc = [d for d, _ in pairs if d.source_id.startswith(str(inputs / "crawl.warc.gz") + "#")]
    assert len(warc) == 3 and all(d.url and d.source_id.endswith(d.url) for d in warc)
    again = run([str(inputs)], out, Settings(), engine="local", shard_size=SHARD)
    assert (again.shards, again.already_done) == (0, 5)


@pytest.mark.ray
def test_ray_gives_the_same_records_as_local(
    inputs: Path, tmp_path: Path, ray_cluster: None
) -> None:
    run([str(inputs)], tmp_path / "local", Settings(), engine="local", shard_size=SHARD)
    summary = run([str(inputs)], tmp_path / "ray", Settings(), engine="ray", shard_size=SHARD)
    assert (summary.shards, summary.articles) == (5, 8)
    local, distributed = _tables(tmp_path / "local"), _tables(tmp_path / "ray")
    assert len(local) == 10 and local == distributed


@pytest.mark.ray
def test_a_killed_run_resumes_and_loads_without_duplicates(
    inputs: Path, tmp_path: Path, ray_cluster: None
) -> None:
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        "from newsgraph.cli import app; app()",
        "run",
        "--engine",
        "ray",
        "--shard-size",
        "1",
        "--out",
        str(out),
        str(inputs),
    ]
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}  # its own Ray instance
    process = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while not finished_shards(out) and time.monotonic() < deadline:
            assert process.poll() is None, "the run ended before writing a shard"
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the run and the Ray processes it started
        process.wait()
    killed_with = finished_shards(out)
    assert 1 <= len(killed_with) < 8

    rerun = run([str(inputs)], out, Settings(), engine="ray", shard_size=1)
    # actors busy when the driver died may still finish their shard: those count as done too
    assert rerun.already_done >= len(killed_with)
    assert rerun.already_done + rerun.shards == 8
    assert len(finished_shards(out)) == 8

    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    loaded = load(out, store, Settings())
    assert (loaded.shards, loaded.stored, loaded.unfinished) == (8, 8, 0)
    assert len({a.source_id for a in store.articles()}) == 8
    assert store.count_unlinked() == 0
    assert load(out, store, Settings()).stored == 0


def test_load_is_idempotent_on_every_store(inputs: Path, tmp_path: Path, store_url: str) -> None:
    out = tmp_path / "out"
    run([str(inputs)], out, Settings(), engine="local", shard_size=4)
    (out / "half-done-00000.parquet").write_bytes(b"PAR1")  # a shard a killed run left unmarked
    store = open_store(store_url)
    first = load(out, store, Settings())
    assert (first.stored, first.skipped, first.unfinished) == (8, 0, 1)
    counts = store.counts()
    assert counts["articles"] == 8 and counts["stories"] >= 1
    second = load(out, store, Settings())
    assert (second.stored, second.skipped) == (0, 8)
    assert store.counts() == counts


def test_ray_engine_without_ray_says_how_to_install(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # what an environment without the extra sees
    with pytest.raises(MissingExtra) as caught:
        run([str(inputs)], tmp_path / "out", Settings(), engine="ray")
    assert "pip install newsgraph[scale]" in str(caught.value) and caught.value.code == "E200"


@pytest.mark.parametrize("module", ["newsgraph", "newsgraph.cli", "newsgraph.scale"])
def test_importing_does_not_import_the_heavy_extras(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'ray', 'pyarrow', 'fastapi'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]", f"importing {module} imports {result.stdout.strip()}"
