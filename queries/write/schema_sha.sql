-- The fingerprint of the schema and view definitions the warehouse was last set up with.
select value from warehouse_info where key = 'schema_sha256';
