"""Pure views: (workspace or committee, as_of) -> pandas DataFrames or small records.

No view reads files or the clock; each takes the date it reports for, and
uses only update and measurement rows dated up to that date.
"""
