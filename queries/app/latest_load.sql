-- Grain: one row. The newest load and submission ids: a cache key that changes when a load lands.
select coalesce(max(load_id), 0) as load_id,
    (select coalesce(max(submission_id), 0) from submissions) as submission_id
from loads;
