"""Validate: raw cells -> a Report, or every problem found, located and explained. Pure: no I/O."""
