-- Returns a submission to its unit: $kind 'return' (counts as not received until a new version) or
-- 'correction' (a minor fix: the report keeps counting, with its first receipt's timeliness).
-- Parameters: $submission_id, $returned_at, $returned_by, $reason, $kind.
insert into submission_returns (submission_id, returned_at, returned_by, reason, kind)
values ($submission_id, $returned_at, $returned_by, $reason, $kind);
