-- Grain: one row per load, newest first. Parameter: $limit.
select load_id, started_at, finished_at, source, loaded_by, n_files, n_accepted, n_rejected
from loads
order by load_id desc
limit $limit;
