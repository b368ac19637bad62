-- Voids a version filed by mistake: it stops counting (see views/01_reports_at.sql).
-- Parameters: $submission_id, $voided_at, $voided_by, $reason.
insert into submission_voids (submission_id, voided_at, voided_by, reason)
values ($submission_id, $voided_at, $voided_by, $reason);
