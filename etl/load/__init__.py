"""Load: prepared files into the warehouse, one transaction per chunk, every row knowing its load."""
