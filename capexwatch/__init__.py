"""capexwatch: the command line, configuration loading and the offline demo.

The work itself lives in the sibling packages: ``crawler`` (Scrapy), ``extract`` (text and figures),
``store`` (database). This package only wires them together for a user.
"""
