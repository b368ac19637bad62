-- Opens a load record, inside the transaction of its first batch (so a load that cannot write
-- leaves nothing behind). Parameters: $load_id, $started_at, $source, $loaded_by.
insert into loads (load_id, started_at, source, loaded_by)
values ($load_id, $started_at, $source, $loaded_by);
