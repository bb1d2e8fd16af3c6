-- Subsidy policy versions go through the same maker-checker as rebate policies (issue 21, point 5): proposed by an
-- officer strictly above the region (or an admin), in force once a second officer approves. The seeded defaults and
-- any version added before this rule stay in force.
alter table subsidy_policy add column status varchar(8) not null default 'PENDING'
    check (status in ('PENDING', 'APPROVED', 'REJECTED'));
update subsidy_policy set status = 'APPROVED';
