"""Token helpers the context rules share: sentences with figures, clause breaks, distances,
paragraphs, list lines and datelines."""
