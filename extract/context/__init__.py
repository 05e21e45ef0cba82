"""What a money figure is about, one package per attribute the figure carries:

* ``metric`` — what the amount measures (capex, revenue, valuation, price, other);
* ``year`` — the single year it is for;
* ``source`` — who the text attributes it to;
* ``subject`` — whose money it is.

They run in that order (the year and subject rules read the metric) after the money component,
and share ``common`` (clauses, lines, paragraphs) and ``names`` (companies, outlets, people).
"""
