"""Rules for Amazon EFS file systems and access points."""
