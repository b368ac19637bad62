-- Grain: one row per existing table whose definition is older than queries/schema.sql in a way
-- `create table if not exists` cannot mend (a check constraint or a not-null column added); each
-- is rebuilt by warehouse/migrate.py: set aside, created anew, its rows copied back. No parameters.
with tables as (
    select table_name from duckdb_tables() where schema_name = 'main' and not temporary
),

audit_log as (
    select 'audit_log' as table_name
    from tables
    where table_name = 'audit_log' and not exists (
        select 1 from duckdb_constraints()
        where table_name = 'audit_log' and constraint_type = 'CHECK' and constraint_text like '%''restore_void''%')
),

submission_returns as (
    select 'submission_returns' as table_name
    from tables
    where table_name = 'submission_returns' and not exists (
        select 1 from duckdb_columns() where table_name = 'submission_returns' and column_name = 'kind')
)

select table_name from audit_log
union all
select table_name from submission_returns
order by table_name;
