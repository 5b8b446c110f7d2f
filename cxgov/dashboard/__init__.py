"""The read-only stakeholder dashboard, served by Voila (`cxgov serve`).

``cxgov.dashboard.app`` builds the ipywidgets UI from the views and the
escaping section builders of ``cxgov.report``; ``cxgov.dashboard.server``
turns `cxgov serve` options into a Voila command line. Nothing here writes:
the dashboard never imports ``cxgov.workspace.store``, ``cxgov.workspace.scaffold`` or
``cxgov.review.run`` (tests/test_dashboard.py checks).
"""
