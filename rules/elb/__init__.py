"""Rules for Elastic Load Balancing (ALB, NLB, GWLB and Classic)."""
