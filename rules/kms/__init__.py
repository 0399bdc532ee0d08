"""Rules for KMS keys and the IAM policies that use them."""
