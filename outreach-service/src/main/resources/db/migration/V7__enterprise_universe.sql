-- The enterprise universe: the union's register (known_enterprise) together with every firm the partners' data names
-- (insured_person, tax_record), by credit code. A firm named only by a partner has no org in the register; it is
-- placed by an outreach lead on it (its workers came to an event of that org), else by the registration division of
-- its credit code (characters 3-8, e.g. 310113 Baoshan) mapped here to the federation that covers that area.
create table division_org (
    division_code varchar(6)   primary key,
    org_id        bigint       not null,
    org_path      ltree        not null,
    set_by        varchar(100) not null,
    set_at        timestamptz  not null
);
create index division_org_path_gist on division_org using gist (org_path);

-- Every insured worker of a firm, whatever the status: the earliest insured_since is the firm's age as the partner
-- sees it (the partial index only holds ACTIVE rows).
create index insured_person_employer_since on insured_person (employer_credit_code, insured_since);

-- Insured workers are recognised as members through the keyed hash their sign-up carried (InsuredMemberMatch).
create index sign_up_id_hash on sign_up (id_hash) where member_id is not null;
