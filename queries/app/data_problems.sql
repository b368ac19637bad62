-- Grain: one row per problem found in a file of one load (rejected files), in file and
-- problem order, in both languages. Parameter: $load_id.
select
    p.file_no, f.file_name, p.problem_no, p.sheet, p.row_no, p.column_ref, p.code,
    p.message_vi, p.message_en, p.fix_vi, p.fix_en
from problems as p
join load_files as f on f.load_id = p.load_id and f.file_no = p.file_no
where p.load_id = $load_id
order by p.file_no, p.problem_no;
