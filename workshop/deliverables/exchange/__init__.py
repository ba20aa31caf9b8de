"""The workshop file: a workshop as one versioned JSON document, and its export (export.py)."""
