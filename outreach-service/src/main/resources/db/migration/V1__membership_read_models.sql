create extension if not exists ltree;

-- Local copies of membership-service's facts, built from its events (never from its tables).
create table known_org (
    id        bigint primary key,
    parent_id bigint,
    path      ltree        not null,
    name      varchar(200) not null,
    kind      varchar(32)  not null,
    area_type varchar(32),
    closed    boolean      not null default false
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
create index known_enterprise_path_gist on known_enterprise using gist (org_path);

-- Members admitted to an org (MemberJoined), moved by MemberTransferred, ended by MemberLeft.
create table joined_member (
    member_id bigint primary key,
    org_id    bigint      not null,
    org_path  ltree       not null,
    joined_at timestamptz not null,
    via       varchar(32) not null,
    left_at   timestamptz
);
create index joined_member_path_gist on joined_member using gist (org_path);

insert into known_org (id, parent_id, path, name, kind) values (1, null, '1', '中华全国总工会', 'NATIONAL');
