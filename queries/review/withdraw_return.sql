-- Withdraws the standing return of a submission. Parameters: $submission_id, $withdrawn_at, $withdrawn_by.
update submission_returns set withdrawn_at = $withdrawn_at, withdrawn_by = $withdrawn_by
where submission_id = $submission_id and withdrawn_at is null;
