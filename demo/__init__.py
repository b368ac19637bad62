"""The demo year: realistic workbooks for a whole plan, loaded through the normal path."""
