"""``span._.source``: who the text attributes a money figure to (attribution frames)."""
