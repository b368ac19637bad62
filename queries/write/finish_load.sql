-- Closes a load record with its counts and audits it. Parameters: $load_id, $finished_at, $note (the note's
-- Vietnamese text, or null), $detail (JSON: the counts and the note as catalogue keys and parameters).
update loads set
    finished_at = $finished_at,
    n_files = (select count(*) from load_files where load_id = $load_id),
    n_accepted = (select count(*) from load_files where load_id = $load_id and outcome <> 'rejected'),
    n_rejected = (select count(*) from load_files where load_id = $load_id and outcome = 'rejected')
where load_id = $load_id;

insert into audit_log (event_id, acted_at, acted_by, action, load_id, reason, detail)
select (select coalesce(max(event_id), 0) + 1 from audit_log), finished_at, loaded_by, 'load', load_id, $note, $detail
from loads
where load_id = $load_id;
