"""CloudTrail-driven detection and Warden's own tamper-evident audit ledger."""
