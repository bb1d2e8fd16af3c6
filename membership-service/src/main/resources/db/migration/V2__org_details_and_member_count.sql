-- Details of joint unions, and the record of closing an organization.
alter table union_org
    add column area_type varchar(16),
    add column industry  varchar(100),
    add column closed_at timestamptz,
    add column closed_by varchar(100);

alter table union_org
    add constraint union_org_area_type_only_joint_area check (area_type is null or kind = 'JOINT_AREA'),
    add constraint union_org_industry_only_joint_industry check (industry is null or kind = 'JOINT_INDUSTRY'),
    add constraint union_org_closed_consistent check ((status = 'CLOSED') = (closed_at is not null));

-- Children listings and "has active children" checks.
create index union_org_parent_status on union_org (parent_id, status);

-- Active members per org (the org a member belongs to directly). Subtree listings sum it over
-- "path <@ org.path", so they need nothing else once members exist.
--
-- Placeholder: no member table yet, so no rows (every org counts 0). The members feature replaces it in
-- its own migration, keeping the two columns and their types, e.g.
--   create or replace view org_member_count as
--       select org_id, count(*)::bigint as members from member where status = 'ACTIVE' group by org_id;
create view org_member_count as
    select id as org_id, 0::bigint as members from union_org where false;
