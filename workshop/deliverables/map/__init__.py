"""The strategy map: one layout (layout.py), drawn as SVG (svg.py) and handed to the app's graph (graph.py)."""
