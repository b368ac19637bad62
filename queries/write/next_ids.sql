-- The next free submission id and file number of a load. Parameter: $load_id.
select
    (select coalesce(max(submission_id), 0) + 1 from submissions) as next_submission_id,
    (select coalesce(max(file_no), 0) + 1 from load_files where load_id = $load_id) as next_file_no;
