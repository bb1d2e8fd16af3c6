-- Corrections through the domain (issue 21, point 7): a system posting is corrected by its own operation, which
-- updates the record and posts the reversal in one transaction.

-- A voided collection: its posting is reversed and no rebate run takes it any more.
alter table fund_collection add column voided_at timestamptz;
alter table fund_collection add column voided_by varchar(100);
alter table fund_collection add column void_reason varchar(500);
alter table fund_collection add column void_entry_id bigint references journal_entry (id);

-- A reversed rebate run: its entry is reversed and its lines move to reversed_rebate_line, so the collections it took
-- can be rebated again by a new run (rebate_line keeps one line per collection).
alter table rebate_run add column reversed_at timestamptz;
alter table rebate_run add column reversed_by varchar(100);
alter table rebate_run add column reverse_reason varchar(500);
alter table rebate_run add column reversal_entry_id bigint references journal_entry (id);

create table reversed_rebate_line (like rebate_line including defaults);
create index reversed_rebate_line_run on reversed_rebate_line (run_id);
