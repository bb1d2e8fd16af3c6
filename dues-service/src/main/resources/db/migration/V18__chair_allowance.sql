-- The part-time chair's post allowance (issue 23): part-time chairs of non-public enterprise unions get a post
-- allowance and are assessed by the workers (把考核权交到职工手上). A grant programme like the others: a dated policy
-- version says what each level above pays per month; the members' satisfaction decides how much of the year's
-- allowance (twelve months) is paid. The article names no amounts; these are the defaults in the dues README.
alter table subsidy_policy drop constraint subsidy_policy_programme_check;
alter table subsidy_policy add constraint subsidy_policy_programme_check
    check (programme in ('RECRUITMENT_SUBSIDY', 'UNION_STARTUP', 'NONSTANDARD_MEMBER', 'CHAIR_ALLOWANCE'));
-- The scale of a CHAIR_ALLOWANCE version: the full year's allowance from full_from_percent satisfaction on,
-- reduced_share_percent of it from reduced_from_percent on, nothing below.
alter table subsidy_policy add column full_from_percent numeric(5, 2);
alter table subsidy_policy add column reduced_from_percent numeric(5, 2);
alter table subsidy_policy add column reduced_share_percent integer;
alter table subsidy_policy add constraint subsidy_policy_chair_scale check (programme <> 'CHAIR_ALLOWANCE'
    or (full_from_percent is not null and reduced_from_percent is not null and reduced_share_percent is not null
        and reduced_from_percent between 0 and full_from_percent and full_from_percent <= 100
        and reduced_share_percent between 0 and 100));

insert into subsidy_policy (version, valid_from, district_fen, town_fen, city_fen, programme, region_path, note,
                            full_from_percent, reduced_from_percent, reduced_share_percent, created_at, created_by)
select coalesce(max(version), 0) + 1, '2000-01-01', 0, 30000, 0, 'CHAIR_ALLOWANCE', '1',
       'part-time chair''s allowance: 300 yuan a month from the town/street union, the year in full from 80% satisfied, '
           || 'half from 60% (default; the article names no amounts)', 80.00, 60.00, 50, now(), 'migration'
  from subsidy_policy;

-- What each AssessmentClosed decided, once per assessment (a replayed event finds its row and changes nothing).
create table chair_allowance (
    assessment_id        bigint primary key,
    org_id               bigint       not null,
    year                 integer      not null,
    chair_member_id      bigint       not null,
    -- FULL, REDUCED, NONE (below the lower threshold), NO_RESULT (too few raters), NOT_PART_TIME, NOT_COVERED (an org
    -- kind the allowance is not for), NO_POLICY (none in force)
    decision             varchar(16)  not null,
    satisfaction_percent numeric(5, 2),
    policy_id            bigint references subsidy_policy (id),
    share_percent        integer      not null,
    amount_fen           bigint       not null check (amount_fen >= 0),
    grant_id             bigint references programme_grant (id),
    closed_at            timestamptz  not null,
    decided_at           timestamptz  not null
);
create index chair_allowance_org on chair_allowance (org_id, year);
