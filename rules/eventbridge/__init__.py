"""Rules for eventbridge."""
