-- Members per org now that members exist: active members only (left or merely registered people do not count).
create or replace view org_member_count as
    select org_id, count(*)::bigint as members from member where status = 'ACTIVE' group by org_id;
