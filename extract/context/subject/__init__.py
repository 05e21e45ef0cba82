"""``span._.subject``: whose money a figure is."""
