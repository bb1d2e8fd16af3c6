package io.gucun.outreach.coverage;

/**
 * The enterprise universe as SQL: the union's register together with every firm the tax or social-insurance data names
 * (by credit code). A firm only the partners name — a blind spot (盲区) — is placed in the org of an outreach lead on
 * it (its workers came to that org's event), else in the org mapped to its credit code's registration division
 * ({@code division_org}), else at the root (only admins see it until a division is mapped).
 */
public final class EnterpriseUniverse {

    private EnterpriseUniverse() {
    }

    /** How a firm got its org. */
    public enum Placement { REGISTER, LEAD, DIVISION, NONE }

    /**
     * One row per firm, aliased {@code f}: credit_code, enterprise_id, name, org_id, org_path, grid_code,
     * established_on, employee_count, union_org_id, union_founded_at, registered, placed_by.
     */
    static final String FIRMS = """
            (select e.credit_code, e.id as enterprise_id, e.name, e.org_id, e.org_path, e.grid_code, e.established_on,
                    e.employee_count, e.union_org_id, e.union_founded_at, true as registered, 'REGISTER' as placed_by
             from known_enterprise e
             union all
             select s.credit_code, null, null, coalesce(l.org_id, d.org_id, 1), coalesce(l.org_path, d.org_path, '1'::ltree),
                    l.grid_code, null, null, null, null, false,
                    case when l.id is not null then 'LEAD' when d.division_code is not null then 'DIVISION' else 'NONE' end
             from (select employer_credit_code as credit_code from insured_person
                   union select credit_code from tax_record) s
             left join enterprise_lead l on l.credit_code = s.credit_code
             left join division_org d on d.division_code = substr(s.credit_code, 3, 6)
             where not exists (select 1 from known_enterprise k where k.credit_code = s.credit_code)) f""";

    /**
     * Per firm: insured workers now ({@code ins.n}), the first insured day ({@code ins.since}), the day of the latest
     * import ({@code ins.as_of}, in :zone); the latest tax headcount and its period ({@code tax}), the first tax period
     * ({@code tax0}); members of its own union ({@code mem.n}); insured workers who are members ({@code mat}).
     */
    static final String FACTS = """
            left join lateral (select count(*) filter (where ip.status = 'ACTIVE') as n, min(ip.insured_since) as since,
                                      cast(max(ip.updated_at) at time zone cast(:zone as text) as date) as as_of
                               from insured_person ip where ip.employer_credit_code = f.credit_code) ins on true
            left join lateral (select tr.headcount, tr.period from tax_record tr where tr.credit_code = f.credit_code
                               order by tr.period desc limit 1) tax on true
            left join lateral (select min(tr.period) as first_period from tax_record tr
                               where tr.credit_code = f.credit_code) tax0 on true
            left join lateral (select count(*) as n from joined_member m
                               where f.union_org_id is not null and m.org_id = f.union_org_id and m.left_at is null) mem on true
            left join lateral """ + InsuredMemberMatch.perFirm("f.credit_code") + " mat on true\n";

    /** Every firm of the subtree :root with its facts. */
    public static final String IN_SUBTREE = "from " + FIRMS + "\n" + FACTS + "where f.org_path <@ cast(:root as ltree)";

    static final String EMPLOYEES = "greatest(coalesce(tax.headcount, 0), ins.n, coalesce(f.employee_count, 0))";
    /** The register's founding day, else the earliest trace in the partners' data (FirmEvidence.inBusinessSince). */
    static final String IN_BUSINESS_SINCE = "coalesce(f.established_on, least(ins.since, to_date(tax0.first_period, 'YYYY-MM')))";
    static final String IS_TARGET = "(f.union_founded_at is null and " + EMPLOYEES + " >= :minEmployees and "
            + IN_BUSINESS_SINCE + " <= :establishedBy)";

    /** One firm by credit code, whether registered or seen only in partner data (no row: the universe lacks it). */
    public static final String ONE_FIRM = "from " + FIRMS + "\n" + FACTS + "where f.credit_code = :creditCode";
}
