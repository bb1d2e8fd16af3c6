-- A benefit may cap how often one member uses it, and may be withdrawn early (kept for the record, no longer offered).
alter table benefit
    add column max_per_member    integer check (max_per_member > 0),
    add column withdrawn_at      timestamptz,
    add column withdrawn_by      varchar(100),
    add column withdrawal_reason varchar(500),
    add constraint benefit_withdrawal_consistent check ((withdrawn_at is null) = (withdrawal_reason is null));
create index benefit_redemption_member_benefit on benefit_redemption (member_id, benefit_id);
