"""``span._.metric``: what a money figure measures (capex, revenue, valuation, price, other)."""
