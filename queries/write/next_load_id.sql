-- Grain: one row, the id the next load takes. Read inside the transaction that writes the load
-- record, while this process's writers take turns and other processes are locked out, so two
-- loads never take the same number.
select coalesce(max(load_id), 0) + 1 as load_id from loads;
