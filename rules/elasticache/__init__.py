"""Rules for elasticache."""
