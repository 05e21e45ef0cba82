"""Alerts: the ledger of known claims, the outbox, delivery through apprise, and source health.

Each stage works over the database and takes the run it belongs to, so the nightly job
(``capexwatch/nightly.py``) composes them around the crawl:

- :func:`alerts.ledger.assign_claims` — every figure not yet in the ledger into its claim (new, change,
  corroboration or uncompared);
- :func:`alerts.outbox.record_claim_alerts` — in the same transaction, the alerts those call for
  (``[alerts] on = "extracted"``); :func:`alerts.outbox.record_approved_alerts` — the scan for
  approved claims not yet announced (``on = "approved"``);
- :func:`alerts.health.check_sources` — sources failing or empty N runs in a row, and their recovery;
- :func:`alerts.delivery.deliver_pending` — the outbox to every channel, each success committed at once.

Imports: ``alerts`` uses ``store`` only.
"""
