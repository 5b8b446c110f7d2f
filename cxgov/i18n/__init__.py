"""Locale-aware text: a collation key for names, numbers and dates formatted with Babel, and the interface's words."""
