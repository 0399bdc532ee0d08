"""Rules for EKS."""
