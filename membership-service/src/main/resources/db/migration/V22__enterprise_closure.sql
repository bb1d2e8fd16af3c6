-- An enterprise that closes (注销/关停): its union closes with it and its members are held by the upper union
-- (会籍由上级工会代管) instead of losing their membership.
alter table enterprise
    add column closed_on    date,
    add column closed_at    timestamptz,
    add column closed_by    text,
    add column closure_note text,
    add constraint enterprise_closed_consistent check ((closed_on is null) = (closed_at is null));
