create extension if not exists ltree;

create table union_org (
    id          bigint primary key,
    parent_id   bigint references union_org (id),
    path        ltree        not null unique,
    name        varchar(200) not null,
    kind        varchar(32)  not null,
    region_code varchar(12),
    status      varchar(16)  not null,
    created_at  timestamptz  not null,
    created_by  varchar(100) not null,
    version     integer      not null default 0
);
-- "Everything under this org" is one indexed query: path <@ '1.3'.
create index union_org_path_gist on union_org using gist (path);
create index union_org_parent on union_org (parent_id);

-- The national union is the root every token's org path starts from.
insert into union_org (id, parent_id, path, name, kind, region_code, status, created_at, created_by)
values (1, null, '1', '中华全国总工会', 'NATIONAL', null, 'ACTIVE', now(), 'system');
create sequence union_org_id_seq start with 2;
