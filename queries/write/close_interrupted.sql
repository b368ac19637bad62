-- Closes every load record still open, as interrupted: called only when no loader runs, so these
-- were left by a killed loader. Counts what was committed; audited. Parameter: $finished_at.
insert into audit_log (event_id, acted_at, acted_by, action, load_id, new_value, reason)
select
    (select coalesce(max(event_id), 0) from audit_log) + row_number() over (order by l.load_id),
    $finished_at, l.loaded_by, 'load', l.load_id,
    format('{} files committed before the loader stopped', (select count(*) from load_files as f
                                                              where f.load_id = l.load_id)),
    'interrupted'
from loads as l
where l.finished_at is null;

update loads set
    finished_at = $finished_at,
    n_files = (select count(*) from load_files as f where f.load_id = loads.load_id),
    n_accepted = (select count(*) from load_files as f where f.load_id = loads.load_id and f.outcome <> 'rejected'),
    n_rejected = (select count(*) from load_files as f where f.load_id = loads.load_id and f.outcome = 'rejected')
where finished_at is null;
