package io.gucun.membership.enterprise;

import io.gucun.common.problem.ApiException;
import io.gucun.membership.org.OrgKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Rules about enterprises that need no database. */
public final class EnterpriseRules {

    public static final String UNION_NAME_SUFFIX = "工会";

    private EnterpriseRules() {
    }

    /** An enterprise sits under an org that can hold its future enterprise union: anything but an enterprise union. */
    public static void requireCanHoldEnterprise(OrgKind kind) {
        if (!kind.canContain(OrgKind.ENTERPRISE)) {
            throw ApiException.invalid("orgId", "an enterprise cannot sit under a " + kind + " organization");
        }
    }

    /** "&lt;enterprise name&gt;工会" unless a name is given. */
    public static String unionName(String enterpriseName, String requested) {
        if (requested != null && !requested.isBlank()) {
            return requested.trim();
        }
        String base = enterpriseName.trim();
        return base.endsWith(UNION_NAME_SUFFIX) ? base : base + UNION_NAME_SUFFIX;
    }

    /** A union is founded neither before the enterprise was established nor in the future. */
    public static void requireFoundingDate(OffsetDateTime foundedAt, LocalDate establishedOn, OffsetDateTime now) {
        if (foundedAt.isAfter(now.plusMinutes(5))) {
            throw ApiException.invalid("foundedAt", "must not be in the future");
        }
        if (establishedOn != null && foundedAt.toLocalDate().isBefore(establishedOn)) {
            throw ApiException.invalid("foundedAt", "must not be before the enterprise was established (" + establishedOn + ")");
        }
    }

    /** "≥ 25 employees and ≥ 1 year in business" (Jiangxi): the outreach filter's date bound for a given day. */
    public static LocalDate establishedAtLeastOneYearBefore(LocalDate today) {
        return today.minusYears(1).plusDays(1);
    }
}
