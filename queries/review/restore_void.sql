-- Restores a voided version: it counts again as before the void, which stays as history.
-- Parameters: $submission_id, $restored_at, $restored_by.
update submission_voids set restored_at = $restored_at, restored_by = $restored_by
where submission_id = $submission_id and restored_at is null;
