"""Rules for CloudFront."""
