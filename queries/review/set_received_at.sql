-- Sets the official receipt time of one submission. Parameters: $submission_id, $received_at.
update submissions set received_at = $received_at where submission_id = $submission_id;
