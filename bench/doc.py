"""Benchmark results written into a document between marker comments (no project imports: the
processes that measure memory import only what they measure)."""

from __future__ import annotations

from pathlib import Path


def write_doc(doc: Path, text: str, marker: str = "load-bench", heading: str = "Load throughput") -> None:
    """Replace the block between the marker comments in the document, or append it under a heading."""
    begin, end = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    body = doc.read_text("utf-8") if doc.exists() else "# Performance\n"
    block = f"{begin}\n{text}\n{end}"
    if begin in body:
        body = body[:body.index(begin)] + block + body[body.index(end) + len(end):]
    else:
        body += f"\n## {heading}\n\n{block}\n"
    doc.write_text(body, "utf-8")
