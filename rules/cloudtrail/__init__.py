"""Rules for cloudtrail."""
