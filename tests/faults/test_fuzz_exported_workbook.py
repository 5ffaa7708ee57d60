"""T40: byte-mutated copies of a real exchange workbook are planned and applied in a child process: each gives a
plan (applied, invalid rows skipped) or one of our clear errors — never a crash, a hang or a traceback — and a
refused file changes nothing. More mutations with GZDESK_FUZZ_MUTATIONS=N."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from gzdesk.core.excel.export_exchange import export_exchange
from gzdesk.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
MUTATIONS = int(os.environ.get("GZDESK_FUZZ_MUTATIONS", "40"))
CHILD = r"""
import json, sys, time
from gzdesk.core.errors import GzdeskError
from gzdesk.core.importer import apply_import, plan_import
from gzdesk.core.store import Store

def content(store):
    return [line for line in store.conn.iterdump() if not line.startswith('INSERT INTO "batch"')]

outcomes = []
with Store.open(sys.argv[1]) as store:
    for path in sys.argv[2:]:
        before, started = content(store), time.monotonic()
        try:
            plan = plan_import(store, path)
            report = apply_import(store, plan, skip_invalid=True, on_conflict="keep-mine", insert_only=True)
            outcome = {"plan": plan.counts(), "applied": not report.no_op}
        except GzdeskError as error:
            outcome = {"code": error.code, "message": error.message("zh"), "unchanged": content(store) == before}
        outcome["seconds"] = time.monotonic() - started
        outcomes.append(outcome)
    outcomes.append({"integrity": store.conn.execute("PRAGMA integrity_check").fetchone()[0],
                     "running": store.conn.execute("SELECT count(*) FROM batch WHERE status = 'running'").fetchone()[0]})
print(json.dumps(outcomes, ensure_ascii=False))
"""


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        at = rng.randrange(len(out))
        if kind < 0.5:
            out[at] = rng.randrange(256)
        elif kind < 0.75:
            del out[at:at + rng.randint(1, 64)]
        else:
            out[at:at] = rng.randbytes(rng.randint(1, 64))
    return bytes(out)


def mutate_inside(source: Path, target: Path, rng: random.Random) -> None:
    """Mutate the XML of one part and write a valid zip again, so the mutation reaches the parsers."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = rng.choice([n for n in parts if n.endswith(".xml")])
    parts[name] = mutate(parts[name], rng)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)


@pytest.mark.slow
def test_t40_mutated_exchange_workbooks_give_only_clear_outcomes(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    with Store.open(database) as store:
        store.create_many("investment", [{"name": f"模糊测试项目{i}", "district": "440106", "stage": "在谈",
                                          "agreed_investment": 10.0 * i, "notes": "=1+2" if i % 2 else "备注"}
                                         for i in range(30)], source="test")
        source = export_exchange(store, tmp_path / "source.xlsx").path
    data = source.read_bytes()
    rng = random.Random(40)
    files = []
    for index in range(MUTATIONS):
        mutated = tmp_path / f"m{index}.xlsx"
        if index % 4 == 0:
            mutated.write_bytes(mutate(data, rng))  # the container itself
        else:
            mutate_inside(source, mutated, rng)  # the XML inside a valid container
        files.append(str(mutated))
    done = subprocess.run([sys.executable, "-c", CHILD, str(database), *files], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]  # no crash: every outcome is a plan or one of our errors
    *outcomes, end = json.loads(done.stdout)
    assert len(outcomes) == MUTATIONS
    refused = [o for o in outcomes if "code" in o]
    assert all(o["code"] and o["message"] and "Traceback" not in o["message"] for o in refused)
    assert all(o["unchanged"] for o in refused)  # a refused file changed nothing
    assert all(o["seconds"] < 20 for o in outcomes)  # no hang
    assert refused and any("plan" in o for o in outcomes)  # both paths exercised
    assert end == {"integrity": "ok", "running": 0}
