"""Helpers shared by the tests and the benchmarks: workbooks written by code, a served app in a browser."""
