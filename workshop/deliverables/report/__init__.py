"""The sponsor's strategy document: its story, sections and consensus record shaped from the
workshop's record, then rendered through Jinja to HTML and PDF (document.py)."""
