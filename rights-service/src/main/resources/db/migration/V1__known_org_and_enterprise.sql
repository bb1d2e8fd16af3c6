create extension if not exists ltree;

-- rights-service's own copy of the union tree, from membership's org events (membership.org.v1).
create table known_org (
    id        bigint primary key,
    parent_id bigint,
    path      ltree        not null,
    name      varchar(200) not null,
    kind      varchar(32)  not null,
    closed_at timestamptz
);
create index known_org_path_gist on known_org using gist (path);

-- Enterprises known to the union, from membership's enterprise events (membership.enterprise.v1).
create table known_enterprise (
    id               bigint primary key,
    credit_code      varchar(18)  not null unique,
    name             varchar(200) not null,
    org_id           bigint       not null,
    org_path         ltree        not null,
    union_org_id     bigint,
    union_founded_at timestamptz
);
create index known_enterprise_org_path_gist on known_enterprise using gist (org_path);

-- The national union exists before any event: it is the root of every path.
insert into known_org (id, parent_id, path, name, kind) values (1, null, '1', '中华全国总工会', 'NATIONAL');
