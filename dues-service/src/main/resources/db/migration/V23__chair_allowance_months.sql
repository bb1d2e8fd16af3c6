-- Issue 23 gaps: the part-time chair's allowance is prorated by the whole months of the year the chair held the post
-- (AssessmentClosed.chairMonthsInPost; twelve for events from before membership said). NOT_IN_POST: no whole month.
alter table chair_allowance add column months_in_post integer not null default 12 check (months_in_post between 0 and 12);
alter table chair_allowance alter column months_in_post drop default;
