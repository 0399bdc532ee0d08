"""Remediations: one module per fix, each with plan, apply and verify."""
