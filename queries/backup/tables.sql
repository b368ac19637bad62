-- Grain: one row per base table of the warehouse (main schema), by name.
select table_name from duckdb_tables() where schema_name = 'main' and not temporary order by table_name;
