"""Rules for Kinesis data streams."""
