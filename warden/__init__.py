"""Warden: compliance auditing and auto-remediation for AWS."""

__version__ = "0.1.0"
