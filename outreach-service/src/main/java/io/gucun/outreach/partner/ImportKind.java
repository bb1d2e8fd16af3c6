package io.gucun.outreach.partner;

import io.gucun.common.security.Roles;
import java.util.List;

/** The partner files outreach takes in, each with its exact header and the partner role allowed to send it. */
public enum ImportKind {
    SOCIAL_INSURANCE(Roles.PARTNER_SOCIAL_INSURANCE, "social-insurance-imports",
            List.of("person_id", "employer_uscc", "insured_since", "status")),
    TAX(Roles.PARTNER_TAX, "tax-imports", List.of("enterprise_uscc", "headcount", "payroll", "period"));

    private final String role;
    private final String feed;
    private final List<String> columns;

    ImportKind(String role, String feed, List<String> columns) {
        this.role = role;
        this.feed = feed;
        this.columns = columns;
    }

    /** The partner's change feed that carries the result of each of its imports of this kind. */
    public String feed() {
        return feed;
    }

    public String role() {
        return role;
    }

    public List<String> columns() {
        return columns;
    }
}
