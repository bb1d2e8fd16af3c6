package io.gucun.dues.approval;

import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.security.OrgPaths;
import java.util.List;
import java.util.Optional;

/** Who may propose and who may approve a decision (maker-checker): plain code, unit-tested without a database. */
public final class ApprovalRules {

    private ApprovalRules() {
    }

    /**
     * Whether an officer of {@code authorPath} sits strictly above the org at {@code scopePath}: the scope lies below
     * the author's org, not at it. So the union that receives money under a rule never sets that rule for itself.
     */
    public static boolean strictlyAbove(String authorPath, String scopePath) {
        return authorPath != null && OrgPaths.isWithin(scopePath, authorPath) && !scopePath.equals(authorPath);
    }

    /** 400 naming {@code field} unless an admin, or an officer of an org strictly above the scope, is deciding. */
    public static void requireAbove(boolean admin, Optional<String> authorPath, String scopePath, String field) {
        if (!admin && !strictlyAbove(authorPath.orElse(null), scopePath)) {
            throw ApiException.invalid(field, "must name an organization strictly below yours: only a level above may decide for it");
        }
    }

    /** 422 naming the approver when the officer who proposed a decision tries to approve it (a second officer must). */
    public static void requireSecondOfficer(String proposedBy, String decidedBy) {
        if (proposedBy.equals(decidedBy)) {
            throw new ApiException(422, "self-approval", "Rule violated",
                    "a decision is approved by a second officer, not by the one who proposed it",
                    List.of(new FieldError("approver", "must not be the officer who proposed it (" + proposedBy + ")")), null);
        }
    }

    /** 422 naming validFrom when a decision would take effect for a day already past (a period perhaps run or closed). */
    public static void requireNotStarted(java.time.LocalDate validFrom, java.time.LocalDate today) {
        if (validFrom.isBefore(today)) {
            throw new ApiException(422, "reaches-back", "Rule violated", "it would start on " + validFrom
                    + ", before today; periods from then may have been run or closed: propose it again with a later start",
                    List.of(new FieldError("validFrom", "is in the past")), null);
        }
    }
}
