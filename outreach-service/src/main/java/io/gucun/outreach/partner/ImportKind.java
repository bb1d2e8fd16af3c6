package io.gucun.outreach.partner;

import io.gucun.common.security.Roles;
import java.util.List;

/** The partner files outreach takes in, each with its exact header and the partner role allowed to send it. */
public enum ImportKind {
    SOCIAL_INSURANCE(Roles.PARTNER_SOCIAL_INSURANCE, List.of("person_id", "employer_uscc", "insured_since", "status")),
    TAX(Roles.PARTNER_TAX, List.of("enterprise_uscc", "headcount", "payroll", "period"));

    private final String role;
    private final List<String> columns;

    ImportKind(String role, List<String> columns) {
        this.role = role;
        this.columns = columns;
    }

    public String role() {
        return role;
    }

    public List<String> columns() {
        return columns;
    }
}
