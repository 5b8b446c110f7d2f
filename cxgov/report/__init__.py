"""Presentation: HTML sections and charts shared by the review notebooks and the dashboard.

Every piece of user text goes through ``html.escape`` here; nothing in this
package reads the clock or writes files.
"""
