"""Helpers for code outside cinderlite's tree that tests against it (vendor drivers).

Shipped in the package, with no import of cinderlite's own ``tests/``, so
that ``pip install cinderlite`` is all a vendor needs.
"""
