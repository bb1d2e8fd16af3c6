-- A service's copy of membership's union tree and enterprise register, built from its events (membership.org.v1,
-- membership.enterprise.v1; io.gucun.common.replica). Shipped once by common, applied by each service that keeps
-- the copy (dues, rights, outreach) by listing db/org-replica in quarkus.flyway.locations.
create extension if not exists ltree;

create table known_org (
    id        bigint primary key,
    parent_id bigint,
    path      ltree        not null,
    name      varchar(200) not null,
    kind      varchar(32)  not null,  -- membership's OrgKind: NATIONAL, PROVINCE, CITY, DISTRICT, TOWN, JOINT_AREA, JOINT_INDUSTRY, ENTERPRISE
    area_type varchar(32),            -- membership's AreaType, for a JOINT_AREA union
    closed_at timestamptz             -- OrgClosed; null while open
);
create index known_org_path_gist on known_org using gist (path);

create table known_enterprise (
    id               bigint primary key,
    credit_code      varchar(18)  not null unique,
    name             varchar(200) not null,
    org_id           bigint       not null,
    org_path         ltree        not null,
    employee_count   integer,
    established_on   date,
    grid_code        varchar(64),
    union_org_id     bigint,
    union_founded_at timestamptz
);
create index known_enterprise_org on known_enterprise (org_id);
create index known_enterprise_org_path_gist on known_enterprise using gist (org_path);

-- The national union exists before any event: it is the root of every path.
insert into known_org (id, parent_id, path, name, kind) values (1, null, '1', '中华全国总工会', 'NATIONAL');
