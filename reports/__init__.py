"""Compliance reports people read and security tools import."""
