"""Workbook ETL: extract (file -> raw cells) -> validate (pure) -> load (one transaction)."""
