"""Extract: a submitted file -> raw cell values (size, zip and XML guards first)."""
