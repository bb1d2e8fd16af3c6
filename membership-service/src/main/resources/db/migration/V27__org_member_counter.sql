-- Active members per org as a maintained counter instead of a count over the whole member table.
--
-- org_member_count grouped every active member on each read, so an org's subtree count (OrgService.summaries) read
-- all members of the country: seconds at 10 M members. Now each statement that inserts, updates or deletes members
-- adds its net change per org to this table (statement-level triggers over the transition tables, so a COPY or a
-- bulk update of a million rows costs one grouped upsert, not a million). A subtree count then sums one row per org
-- of the subtree.
--
-- Two transactions changing members of the same org queue on that org's row until the first commits; upserts go in
-- org id order so statements touching several orgs cannot deadlock each other.
create table org_active_member_count (
    org_id  bigint primary key,
    members bigint not null
);

insert into org_active_member_count (org_id, members)
select org_id, count(*) from member where status = 'ACTIVE' group by org_id;

create function org_active_members_inserted() returns trigger language plpgsql as $$
begin
    insert into org_active_member_count (org_id, members)
    select org_id, count(*) from new_members where status = 'ACTIVE' group by org_id order by org_id
    on conflict (org_id) do update set members = org_active_member_count.members + excluded.members;
    return null;
end $$;

create function org_active_members_updated() returns trigger language plpgsql as $$
begin
    insert into org_active_member_count (org_id, members)
    select org_id, sum(delta) from (
        select org_id, 1 as delta from new_members where status = 'ACTIVE'
        union all
        select org_id, -1 from old_members where status = 'ACTIVE') d
    group by org_id having sum(delta) <> 0 order by org_id
    on conflict (org_id) do update set members = org_active_member_count.members + excluded.members;
    return null;
end $$;

create function org_active_members_deleted() returns trigger language plpgsql as $$
begin
    insert into org_active_member_count (org_id, members)
    select org_id, -count(*) from old_members where status = 'ACTIVE' group by org_id order by org_id
    on conflict (org_id) do update set members = org_active_member_count.members + excluded.members;
    return null;
end $$;

create trigger member_counted_on_insert after insert on member
    referencing new table as new_members for each statement execute function org_active_members_inserted();
create trigger member_counted_on_update after update on member
    referencing old table as old_members new table as new_members for each statement execute function org_active_members_updated();
create trigger member_counted_on_delete after delete on member
    referencing old table as old_members for each statement execute function org_active_members_deleted();

-- Same name and columns as before, so every reader stays as it is.
create or replace view org_member_count as
    select org_id, members from org_active_member_count where members <> 0;
