-- The union workforce as outreach needs it (issue 23): who may staff events and own sites. A replica of
-- membership-service's appointments with a login (OfficerAppointed, OfficerTermEnded on membership.appointment.v1);
-- term_to is the effective last day (an early end applied), null when open-ended. No names: only the login and the org.
create table union_worker (
    appointment_id bigint       primary key,
    org_id         bigint       not null,
    post           varchar(32)  not null,
    login          varchar(100) not null,
    term_from      date         not null,
    term_to        date
);
create index union_worker_login on union_worker (login);
