package io.gucun.membership.enterprise;

import io.gucun.common.problem.ApiException;
import io.gucun.events.membership.OrgKind;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

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

    /** An enterprise closes neither in the future nor before it was established. */
    public static void requireClosingDate(LocalDate closedOn, LocalDate establishedOn, LocalDate today) {
        if (closedOn.isAfter(today)) {
            throw ApiException.invalid("closedOn", "must not be in the future");
        }
        if (establishedOn != null && closedOn.isBefore(establishedOn)) {
            throw ApiException.invalid("closedOn", "must not be before the enterprise was established (" + establishedOn + ")");
        }
    }

    /** A closed enterprise is history: no union can be founded for it, it cannot close twice. */
    public static void requireOperating(long enterpriseId, LocalDate closedOn) {
        if (closedOn != null) {
            throw ApiException.conflict("enterprise-closed", "enterprise " + enterpriseId + " closed on " + closedOn,
                    Map.of("closedOn", closedOn.toString()));
        }
    }

    /** "≥ 25 employees and ≥ 1 year in business" (Jiangxi): the outreach filter's date bound for a given day. */
    public static LocalDate establishedAtLeastOneYearBefore(LocalDate today) {
        return today.minusYears(1).plusDays(1);
    }
}
