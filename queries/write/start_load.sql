-- Opens a load record. Parameters: $started_at, $source, $loaded_by.
insert into loads (load_id, started_at, source, loaded_by)
select coalesce(max(load_id), 0) + 1, $started_at, $source, $loaded_by from loads
returning load_id;
