"""Warden's rule pack: one module per rule, grouped by service. Importing a module registers its rule."""
