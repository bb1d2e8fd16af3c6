-- Balances kept on the account row, so the database itself refuses a posting that would overdraw cash or a budget
-- (issue 21: the district's cash once stood at -1,393,260 yuan after a burst of subsidised joins).
alter table ledger_account add column balance_fen bigint not null default 0;

-- Normal side: CASH, BUDGET and MEMBER_BENEFITS grow with debits, the fund accounts with credits (AccountPurpose).
create function ledger_signed(purpose varchar, side char, amount bigint) returns bigint language sql immutable as $$
    select case when (purpose in ('CASH', 'BUDGET', 'MEMBER_BENEFITS')) = (side = 'D') then amount else -amount end
$$;

update ledger_account a set balance_fen = s.balance
from (select account_id, sum(ledger_signed(purpose, side, amount_fen)) as balance from journal_leg group by account_id) s
where a.id = s.account_id;

-- Money an org holds, in the bank or earmarked for a programme, never goes below zero.
alter table ledger_account add constraint ledger_account_never_negative
    check (purpose not in ('CASH', 'BUDGET') or balance_fen >= 0);

-- One update per account and statement (a rebate run inserts tens of thousands of legs at once). The rows are locked
-- in id order first, so two postings touching the same accounts wait for each other instead of deadlocking.
create function ledger_apply_legs() returns trigger language plpgsql as $$
begin
    perform 1 from ledger_account where id in (select account_id from new_legs) order by id for update;
    update ledger_account a set balance_fen = a.balance_fen + s.delta
    from (select account_id, sum(ledger_signed(purpose, side, amount_fen)) as delta from new_legs group by account_id) s
    where a.id = s.account_id and s.delta <> 0;
    return null;
end $$;
create trigger journal_leg_balances after insert on journal_leg
    referencing new table as new_legs for each statement execute function ledger_apply_legs();
