"""Rules for dynamodb (tables and DAX clusters)."""
