-- Closes every load record still open, as interrupted: called only when no loader runs, so these
-- were left by a killed loader. Counts what was committed; audited (reason 'interrupted', the count in
-- detail under the catalogue key $detail_key). Parameters: $finished_at, $detail_key.
insert into audit_log (event_id, acted_at, acted_by, action, load_id, reason, detail)
select
    (select coalesce(max(event_id), 0) from audit_log) + row_number() over (order by l.load_id),
    $finished_at, l.loaded_by, 'load', l.load_id, 'interrupted',
    to_json({'new_value': {'key': $detail_key,
                           'params': {'files': (select count(*) from load_files as f where f.load_id = l.load_id)}}}
    )::varchar
from loads as l
where l.finished_at is null;

update loads set
    finished_at = $finished_at,
    n_files = (select count(*) from load_files as f where f.load_id = loads.load_id),
    n_accepted = (select count(*) from load_files as f where f.load_id = loads.load_id and f.outcome <> 'rejected'),
    n_rejected = (select count(*) from load_files as f where f.load_id = loads.load_id and f.outcome = 'rejected')
where finished_at is null;
