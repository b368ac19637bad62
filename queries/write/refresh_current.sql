-- Re-flags is_current after receipts, voids or restorations change: for each unit × period, the
-- version not voided received last; a report whose every version is voided has none current.
update submissions as s set is_current = not s.is_current
where s.is_current <> (s.submission_id in (select submission_id from latest_submission_ids()));
