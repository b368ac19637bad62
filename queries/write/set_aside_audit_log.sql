-- Sets an outdated audit_log aside before the schema creates it anew (warehouse/migrate.py).
alter table audit_log rename to audit_log_before_upgrade;
