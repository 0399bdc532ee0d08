"""Rules for stepfunctions."""
