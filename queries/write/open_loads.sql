-- Grain: one row per load record still open (no finished_at): a loader running, or one that was killed.
select load_id from loads where finished_at is null;
