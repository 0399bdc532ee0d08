"""Rules for Lambda (the package is not named `lambda`, a Python keyword)."""
