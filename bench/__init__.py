"""Benchmarks: reproducible commands, results written to docs/performance.md."""
