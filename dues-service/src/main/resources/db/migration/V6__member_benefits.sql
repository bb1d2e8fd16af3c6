-- Which org issued each card (CardIssued), so a redemption can be charged to that org.
create table known_card (
    card_id   bigint primary key,
    member_id bigint not null,
    org_id    bigint not null
);

-- What one use of a benefit costs the union, set by an administrator (membership's catalogue carries no prices).
create table benefit_value (
    benefit_id bigint primary key,
    amount_fen bigint       not null check (amount_fen >= 0),
    set_by     varchar(100) not null,
    set_at     timestamptz  not null
);

-- Redemptions seen on membership.card.v1; valued ones are posted as spending on members.
create table benefit_redemption (
    redemption_id    bigint primary key,
    benefit_id       bigint      not null,
    card_id          bigint      not null,
    member_id        bigint      not null,
    kind             varchar(16) not null,
    org_id           bigint,
    redeemed_at      timestamptz not null,
    period           varchar(7)  not null,
    amount_fen       bigint,
    journal_entry_id bigint references journal_entry (id)
);
create index benefit_redemption_org_period on benefit_redemption (org_id, period);
