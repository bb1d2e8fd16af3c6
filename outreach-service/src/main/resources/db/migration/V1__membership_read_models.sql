-- Local copies of membership-service's facts, built from its events (never from its tables). The union tree and the
-- enterprise register (known_org, known_enterprise) are common's org replica (db/org-replica); the members are here.

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
