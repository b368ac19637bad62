-- Grain: one row per foreign key of the warehouse (main schema): the table and the table it references.
select table_name, referenced_table
from duckdb_constraints()
where schema_name = 'main' and constraint_type = 'FOREIGN KEY'
order by table_name, referenced_table;
