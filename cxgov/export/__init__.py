"""Exports: take the governance data to where people work (calendars, spreadsheets).

``tables`` and ``ics`` are pure functions of (workspace, as_of); ``files``
writes their output atomically, never inside the workspace.
"""
