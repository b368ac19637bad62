-- Which of the given file fingerprints are already loaded. Parameter: $shas (varchar[]).
select sha256, submission_id, unit_code, period_code, version
from submissions
where sha256 in (select unnest($shas));
