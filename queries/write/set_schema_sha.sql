-- Records the fingerprint of the schema and views just applied. Parameter: $sha.
insert or replace into warehouse_info (key, value) values ('schema_sha256', $sha);
