-- Each keyed hash of an ID number carries the version of the key it was made with (docs/partners/keys.md):
-- look-ups during a rotation try the current and the previous version. Outreach keeps no encrypted ID number of an
-- insured person, so those rows move to the new version when the bureau's next file names the person again.
alter table sign_up add column id_hash_version integer not null default 1;
alter table insured_person add column id_hash_version integer not null default 1;
