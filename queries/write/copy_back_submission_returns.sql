-- Copies the set-aside submission_returns into the new one (returns made before kinds existed are
-- plain returns: the column default), then drops it (warehouse/migrate.py).
insert into submission_returns by name select * from submission_returns_before_upgrade;
drop table submission_returns_before_upgrade;
