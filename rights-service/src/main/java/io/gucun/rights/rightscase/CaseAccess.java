package io.gucun.rights.rightscase;

import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who sees and acts on which case. A reporter sees their own cases; an officer the cases reported in or
 * coordinated from their subtree; a lawyer the cases they are assigned to; an admin all. A case the caller may
 * not see does not exist for them (404). Acting for the coordinating org needs an officer covering it (403).
 */
@RequestScoped
public class CaseAccess {

    @Inject
    CallerScope caller;

    /** The caller's stable id: the token subject (username where a token has none). */
    public String me() {
        return caller.subject().orElseGet(caller::username);
    }

    public String username() {
        return caller.username();
    }

    public boolean isAdmin() {
        return caller.isAdmin();
    }

    public boolean isOfficer() {
        return caller.hasRole(Roles.OFFICER);
    }

    public CallerScope scope() {
        return caller;
    }

    public boolean canSee(RightsCase c) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.hasRole(Roles.OFFICER) && (caller.covers(c.coordinatorOrgPath) || caller.covers(c.reportingOrgPath))) {
            return true;
        }
        if (caller.hasRole(Roles.LAWYER) && caller.username().equals(c.lawyerUsername)) {
            return true;
        }
        return caller.hasRole(Roles.MEMBER) && me().equals(c.reporterSubject);
    }

    /** Officers and admins see who reported; the reporter sees themself. */
    public boolean seesReporter(RightsCase c) {
        return caller.isAdmin() || me().equals(c.reporterSubject)
                || caller.hasRole(Roles.OFFICER) && (caller.covers(c.coordinatorOrgPath) || caller.covers(c.reportingOrgPath));
    }

    public boolean coordinates(RightsCase c) {
        return caller.isAdmin() || caller.hasRole(Roles.OFFICER) && caller.covers(c.coordinatorOrgPath);
    }

    /** 403 unless the caller is an officer covering the case's coordinating org (or an admin). */
    public void requireCoordinator(RightsCase c) {
        if (!coordinates(c)) {
            throw ApiException.forbidden("only officers of the coordinating organization (or above) may do this");
        }
    }

    public boolean isReporter(RightsCase c) {
        return caller.hasRole(Roles.MEMBER) && me().equals(c.reporterSubject);
    }

    /**
     * A native SQL condition (alias {@code c}) selecting the cases the caller may see, with its parameters added
     * to {@code params}.
     */
    public String visibleCondition(Map<String, Object> params) {
        if (caller.isAdmin()) {
            return "true";
        }
        List<String> any = new ArrayList<>();
        if (caller.hasRole(Roles.OFFICER) && caller.orgPath().isPresent()) {
            params.put("scope", caller.orgPath().get());
            any.add("c.coordinator_org_path <@ cast(:scope as ltree) or c.reporting_org_path <@ cast(:scope as ltree)");
        }
        if (caller.hasRole(Roles.LAWYER)) {
            params.put("lawyer", caller.username());
            any.add("c.lawyer_username = :lawyer");
        }
        if (caller.hasRole(Roles.MEMBER)) {
            params.put("me", me());
            any.add("c.reporter_subject = :me");
        }
        return any.isEmpty() ? "false" : "(" + String.join(" or ", any) + ")";
    }
}
