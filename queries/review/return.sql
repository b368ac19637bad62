-- Returns a submission to its unit for correction. Parameters: $submission_id, $returned_at,
-- $returned_by, $reason.
insert into submission_returns (submission_id, returned_at, returned_by, reason)
values ($submission_id, $returned_at, $returned_by, $reason);
