-- Grain: one row per plan, for the Parquet export (partitioned by year). No parameters.
select * from plans;
