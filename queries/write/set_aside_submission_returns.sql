-- Sets an outdated submission_returns aside before the schema creates it anew (warehouse/migrate.py).
alter table submission_returns rename to submission_returns_before_upgrade;
