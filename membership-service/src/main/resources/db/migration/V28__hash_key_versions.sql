-- Each keyed hash carries the version of the key it was made with (docs/partners/keys.md): look-ups during a
-- rotation try the current and the previous version, and the re-hash job moves rows to the current one.
alter table member
    add column id_number_hash_version integer not null default 1,
    add column mobile_hash_version    integer not null default 1;
