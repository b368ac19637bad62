-- Appends one audited write. Parameters: $acted_at, $acted_by, $action, $load_id, $submission_id,
-- $old_value, $new_value, $reason (the last five may be null).
insert into audit_log (event_id, acted_at, acted_by, action, load_id, submission_id, old_value, new_value, reason)
select coalesce(max(event_id), 0) + 1, $acted_at, $acted_by, $action, $load_id, $submission_id,
    $old_value, $new_value, $reason
from audit_log;
