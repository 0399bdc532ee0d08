"""Rules for sqs."""
