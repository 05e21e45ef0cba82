"""Money amounts: the tokenizer rules that cut "$7B" and "Rmb150bn" into pieces (``tokenizer``),
the currency and number tables (``currencies``, ``numbers``), the ``Matcher`` patterns that find an
amount (``patterns``), where they may match (``windows``), how an amount is read (``reading``), and
the spaCy component that puts one span per amount on the doc (``component``)."""
