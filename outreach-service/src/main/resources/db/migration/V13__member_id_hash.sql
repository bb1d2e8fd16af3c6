-- Each member's internal ID-number index (keyed hash, docs/partners/keys.md) as membership publishes it on
-- membership.member.v1, so insured workers are matched against every member, not only those who signed up through
-- outreach. One row per key version: during a rotation a member matches insured workers still on the previous version
-- until the bureau's next file moves them. Never a plain ID number, never a name.
create table member_id_hash (
    member_id   bigint      not null,
    key_version integer     not null,
    id_hash     varchar(64) not null,
    primary key (member_id, key_version)
);
create index member_id_hash_hash on member_id_hash (id_hash);
