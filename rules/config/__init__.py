"""Rules for AWS Config itself."""
