"""A writer process for the crash and concurrency tests (run as a script, not collected by pytest).

Usage: python store_writer.py FOLDER MODE START COUNT [--wait-go]

FOLDER is a committee folder. Modes: "mixed" appends status updates and, every
third save, replaces committee.yaml's purpose; "rows" only appends; "yaml"
replaces the purpose once. A line is printed, and flushed, only after the store
call returned (the data is fsync'd): "row N", "yaml N", or "conflict MESSAGE".
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from cxgov.workspace.load_history import UPDATE_COLUMNS
from cxgov.workspace.store import ConflictError, append_rows, fingerprint, replace_yaml


def purpose(n: int) -> Any:
    def edit(data: Any) -> Any:
        data["purpose"] = f"Purpose {n}"
        return data

    return edit


def main() -> int:
    folder, mode, start, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    updates, charter = folder / "updates.csv", folder / "committee.yaml"
    rows_fp, yaml_fp = fingerprint(updates), fingerprint(charter)
    print("ready", flush=True)
    if "--wait-go" in sys.argv:
        sys.stdin.readline()
    for n in range(start, start + count):
        try:
            if mode == "yaml" or (mode == "mixed" and n % 3 == 0):
                yaml_fp = replace_yaml(charter, purpose(n), yaml_fp)
                print(f"yaml {n}", flush=True)
            else:
                row = {"date": "2026-11-23", "action": "A1", "status": "on_track", "by": "bo", "note": f"w{n}"}
                rows_fp = append_rows(updates, UPDATE_COLUMNS, [row], rows_fp)
                print(f"row {n}", flush=True)
        except ConflictError as exc:
            print(f"conflict {exc}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
