"""Print the packages whose installed version differs from the lock: `pip list --format=freeze | drift.py LOCK`.

`make test-latest` prints this before running the tests, so a failure there names the releases to suspect.
"""

from __future__ import annotations

import re
import sys


def pins(text: str) -> dict[str, set[str]]:
    """name -> versions of its `name==version` lines (a universal lock pins some per Python version)."""
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        m = re.match(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            found.setdefault(m[1].lower().replace("_", "-"), set()).add(m[2])
    return found


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as fh:
        locked = pins(fh.read())
    installed = pins(sys.stdin.read())
    newer = [
        f"  {name} {' or '.join(sorted(locked[name]))} -> {version}"
        for name, (version,) in sorted(installed.items())
        if name in locked and version not in locked[name]
    ]
    print(f"{len(newer)} installed versions differ from {sys.argv[1]}" + (":" if newer else "."))
    if newer:
        print("\n".join(newer))
    return 0


if __name__ == "__main__":
    sys.exit(main())
