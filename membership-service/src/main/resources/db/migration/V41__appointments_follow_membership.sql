-- Issue 23 gaps. A post held by a member ends with the membership (or when the member moves out of the post's
-- union): the last day served is the day before, and a term that had not begun then ends the day before it would
-- have begun (ended_on = term_from - 1: a term that covers no day). Committee elections fill COMMITTEE_MEMBER posts.
alter table union_worker_appointment drop constraint appointment_ended;
alter table union_worker_appointment add constraint appointment_ended
    check ((ended_on is null) = (ended_at is null) and (ended_on is null or ended_on >= term_from - 1));
alter table union_worker_appointment drop constraint union_worker_appointment_post_check;
alter table union_worker_appointment add constraint union_worker_appointment_post_check
    check (post in ('SOCIAL_WORKER', 'FULL_TIME_OFFICER', 'PART_TIME_OFFICER', 'CHAIR', 'GRID_LEADER', 'ACTIVIST',
                    'COMMITTEE_MEMBER'));
