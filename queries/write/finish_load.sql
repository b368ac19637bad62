-- Closes a load record with its counts. Parameters: $load_id, $finished_at.
update loads set
    finished_at = $finished_at,
    n_files = (select count(*) from load_files where load_id = $load_id),
    n_accepted = (select count(*) from load_files where load_id = $load_id and outcome <> 'rejected'),
    n_rejected = (select count(*) from load_files where load_id = $load_id and outcome = 'rejected')
where load_id = $load_id;
