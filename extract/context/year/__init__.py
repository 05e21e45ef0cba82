"""``span._.year``: the single calendar or fiscal year a money figure is for."""
