"""The workspace: its files read and validated once into immutable records, and the one writer.

``load`` (with ``load_*``, ``fields``, ``csvfile``, ``safeyaml``) reads and validates; ``model`` holds the
records; ``files`` is the policy of which files are read and written; ``store`` is the only code that
writes workspace files; ``scaffold`` renders a new committee; ``ids`` and ``paths`` name things.
Light: nothing here imports pandas, nbformat or papermill.
"""
