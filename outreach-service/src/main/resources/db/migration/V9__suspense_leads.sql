-- Issue 22, point 3: union funds from a firm the union has not registered (dues' CollectionSuspended) make the firm a
-- lead for the town before any of its workers came to an event, so a lead may have no event yet.
alter table enterprise_lead alter column first_event_id drop not null;
alter table enterprise_lead add column source varchar(16) not null default 'EVENT' check (source in ('EVENT', 'SUSPENSE'));

-- The suspended collections behind a lead, once per collection whatever the redeliveries.
create table lead_suspended_collection (
    collection_id bigint       primary key,
    lead_id       bigint       not null references enterprise_lead (id),
    period        varchar(7)   not null,
    amount_fen    bigint       not null check (amount_fen > 0),
    seen_at       timestamptz  not null
);
create index lead_suspended_collection_lead on lead_suspended_collection (lead_id);
