"""cxgov: governance and accountability tracker for customer-experience programmes."""

__version__ = "0.1.0"
