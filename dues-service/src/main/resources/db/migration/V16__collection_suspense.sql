-- Issue 22, point 3: union funds from a firm the union has not registered are held in SUSPENSE instead of refused.
-- Every org gets the account (new orgs get it from LedgerAccounts.openFor); only the suspense org uses it.
insert into ledger_account (org_id, purpose, currency, opened_at)
select id, 'SUSPENSE', 'CNY', now() from known_org
on conflict (org_id, purpose) do nothing;

-- A SUSPENDED collection has no enterprise yet and sits at the suspense org (collecting_org_id); once reassigned it is
-- an ordinary POSTED collection of the registered firm's collecting org, which a rebate run takes.
alter table fund_collection alter column enterprise_id drop not null;
alter table fund_collection alter column enterprise_org_id drop not null;
alter table fund_collection
    add column status            varchar(10)  not null default 'POSTED' check (status in ('POSTED', 'SUSPENDED')),
    add column suspense_org_id   bigint,
    add column reassigned_at     timestamptz,
    add column reassigned_by     varchar(100),
    add column reassign_entry_id bigint,
    add constraint fund_collection_enterprise_unless_suspended
        check ((status = 'SUSPENDED') = (enterprise_id is null) and (status = 'SUSPENDED') = (enterprise_org_id is null)),
    add constraint fund_collection_reassigned_from_suspense
        check (reassigned_at is null or suspense_org_id is not null);
create index fund_collection_suspended on fund_collection (credit_code) where status = 'SUSPENDED';
