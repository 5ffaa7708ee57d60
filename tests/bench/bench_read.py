"""Benchmark: bare python-calamine versus read_workbook on a realistic 50,000 × 20 sheet.

Run as a script (not collected by pytest): ``python tests/bench/bench_read.py [rows]``. It writes the workbook
with XlsxWriter (shared strings, Chinese text, amounts, dates, statuses) into a temporary folder and prints the
median of three timings of each reader and their ratio. read_workbook's extra work is the zip/XML gates, one
streaming scan of the sheet XML (used area, errors, formulas, dates, hidden rows) and empty cells → None.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import python_calamine
import xlsxwriter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from gzdesk.core.excel.read import read_workbook

NAMES = ["广州市天河区某某科技有限公司", "黄埔区新能源汽车零部件项目", "番禺区智能制造基地", "南沙区港口物流园"]
STAGES = ["在谈", "签约", "开工", "投产"]


def build_workbook(path: Path, rows: int = 50_000, columns: int = 20) -> Path:
    """A ledger-like sheet: text, amounts, dates, statuses and counts, a header row."""
    rng = random.Random(1)
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("项目台账")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, [f"列{index}" for index in range(columns)])
    start = dt.datetime(2020, 1, 1)
    for row in range(1, rows + 1):
        for column in range(columns):
            kind = column % 5
            if kind == 0:
                sheet.write_string(row, column, f"{rng.choice(NAMES)}{row}")
            elif kind == 1:
                sheet.write_number(row, column, round(rng.random() * 10_000, 2))
            elif kind == 2:
                sheet.write_datetime(row, column, start + dt.timedelta(days=rng.randint(0, 2000)), date_format)
            elif kind == 3:
                sheet.write_string(row, column, rng.choice(STAGES))
            else:
                sheet.write_number(row, column, rng.randint(1, 1000))
    book.close()
    return path


def bare_calamine(path: Path) -> None:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    workbook.close()


def ours(path: Path) -> None:
    read_workbook(path)


def median_seconds(function: Callable[[Path], None], path: Path, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(path)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    with tempfile.TemporaryDirectory() as folder:
        path = build_workbook(Path(folder) / "bench.xlsx", rows=rows)
        bare_calamine(path)  # warm the page cache and imports
        bare = median_seconds(bare_calamine, path)
        read = median_seconds(ours, path)
        print(f"file: {rows} rows × 20 columns, {path.stat().st_size / 1e6:.1f} MB")
        print(f"bare python-calamine: {bare:.3f} s (median of 3)")
        print(f"read_workbook:        {read:.3f} s (median of 3)")
        print(f"ratio:                {read / bare:.2f}×")


if __name__ == "__main__":
    main()
