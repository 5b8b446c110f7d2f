"""Allow `python -m cxgov`."""

from cxgov.cli import entry

entry()
