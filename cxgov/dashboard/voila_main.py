"""`python -m cxgov.dashboard.voila_main ARGS`: Voila with cxgov's response headers.

The same as `python -m voila ARGS`, plus the Content-Security-Policy header:
a nested setting the command line can only carry in a form traitlets has
deprecated (and Voila re-enables that warning on every start).
"""

from __future__ import annotations

import sys

from cxgov.dashboard.server import CONTENT_SECURITY_POLICY


def main(argv: list[str] | None = None) -> None:
    """Start Voila with argv (default: this process's arguments)."""
    from voila.app import Voila

    settings = {"headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}}
    Voila.launch_instance(sys.argv[1:] if argv is None else argv, tornado_settings=settings)


if __name__ == "__main__":
    main()
