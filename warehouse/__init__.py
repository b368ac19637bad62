"""The DuckDB warehouse file: connections, schema and plan sync, snapshots, review writes, backup, Parquet."""
