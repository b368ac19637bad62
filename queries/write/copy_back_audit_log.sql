-- Copies the set-aside audit_log into the new one, then drops it (warehouse/migrate.py).
insert into audit_log by name select * from audit_log_before_upgrade;
drop table audit_log_before_upgrade;
