"""The sponsor's deck (PPTX): the same story as the strategy document, in editable slides (slides.py)."""
