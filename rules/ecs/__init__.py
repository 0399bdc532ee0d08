"""Rules for ECS."""
