-- Grain: one row, the id the next load will take (the writer holds the only write connection).
select coalesce(max(load_id), 0) + 1 as load_id from loads;
