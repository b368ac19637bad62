-- Grain: one row per activity listed in only one of two submissions (same date, type and topic
-- = the same activity), or listed in both with other counts. Parameters: $old_id, $new_id.
with old as (select * from activities where submission_id = $old_id),

new as (select * from activities where submission_id = $new_id),

joined as (
    select
        case when o.activity_key is null then 'added' when n.activity_key is null then 'removed' else 'changed' end
            as change,
        coalesce(n.activity_on, o.activity_on) as activity_on,
        coalesce(n.activity_type, o.activity_type) as activity_type,
        coalesce(n.topic, o.topic) as topic,
        o.participants as old_participants, n.participants as new_participants,
        o.women as old_women, n.women as new_women,
        o.ethnic_minority as old_ethnic_minority, n.ethnic_minority as new_ethnic_minority
    from old as o
    full join new as n on n.activity_key = o.activity_key
),

final as (
    select *
    from joined
    where change <> 'changed'
        or old_participants is distinct from new_participants
        or old_women is distinct from new_women
        or old_ethnic_minority is distinct from new_ethnic_minority
    order by activity_on, activity_type, topic
)

select * from final;
