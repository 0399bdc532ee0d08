"""Rules for ECR."""
