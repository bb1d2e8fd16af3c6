package io.gucun.membership.workforce;

import io.gucun.common.api.Page;
import io.gucun.events.membership.OrgKind;
import io.gucun.events.membership.UnionPost;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the union workforce register and the staffing report. */
public final class WorkforceDtos {

    /** Keycloak usernames as the realm allows them. */
    static final String LOGIN = "^[A-Za-z0-9._@-]{1,100}$";

    private WorkforceDtos() {
    }

    @Schema(name = "NewAppointment", description = "Appoint a union worker to a post of an org for a term")
    public record NewAppointment(
            @Schema(description = "The org whose post it is", examples = "42") @NotNull Long orgId,
            @Schema(examples = "SOCIAL_WORKER") @NotNull UnionPost post,
            @Schema(description = "The worker's name", examples = "张丽") @NotBlank @Size(max = 100) String name,
            @Schema(description = "Keycloak username that acts for the worker; required unless memberId is given",
                    examples = "sw.zhang") @Pattern(regexp = LOGIN) String login,
            @Schema(description = "Keycloak subject (user id) of that login, when known",
                    examples = "0b5d7c1e-4b8e-4a77-9d2f-3a1f0c6e9b21") @Size(max = 255) String subject,
            @Schema(description = "The member this worker is; required for CHAIR, ACTIVIST and COMMITTEE_MEMBER "
                    + "(a member of the org's subtree)",
                    examples = "1001") Long memberId,
            @Schema(description = "First day of the term", examples = "2027-01-01") @NotNull LocalDate termFrom,
            @Schema(description = "Last day of the term (inclusive); open-ended when omitted", examples = "2031-12-31")
            LocalDate termTo,
            @Schema(examples = "区总工会招聘的职业化工会社工") @Size(max = 500) String reason) {
    }

    @Schema(name = "TermEnd", description = "End a term early")
    public record EndTerm(
            @Schema(description = "Last day served; today when omitted", examples = "2027-06-30") LocalDate endedOn,
            @Schema(examples = "调任区总工会") @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "Appointment", description = "One union worker's term in one post of one org")
    public record AppointmentView(
            @Schema(examples = "7") long id,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "1.3.4.5") String orgPath,
            @Schema(examples = "顾村镇总工会") String orgName,
            @Schema(examples = "SOCIAL_WORKER") UnionPost post,
            @Schema(examples = "张丽") String name,
            @Schema(examples = "sw.zhang") String login,
            String subject,
            Long memberId,
            @Schema(examples = "2027-01-01") LocalDate termFrom,
            @Schema(description = "Planned last day; null when open-ended", examples = "2031-12-31") LocalDate termTo,
            @Schema(description = "Last day served when the term ended early", examples = "null") LocalDate endedOn,
            String reason,
            String endReason,
            @Schema(description = "Whether the term covers today") boolean inTerm,
            @Schema(description = "Whether the post acts for the union (the login gets the officer's scope)")
            boolean grantsOfficerScope,
            OffsetDateTime appointedAt,
            String appointedBy) {
    }

    @Schema(name = "NewStaffingPolicy", description = "A dated staffing ratio for the orgs of an org's subtree: one "
            + "professional social worker per workersMin–workersMax workers or per enterprisesMin–enterprisesMax enterprises")
    public record NewStaffingPolicy(
            @Schema(examples = "12") @NotNull Long orgId,
            @Schema(examples = "2000") @NotNull @Min(1) @Max(1_000_000) Integer workersMin,
            @Schema(examples = "3000") @NotNull @Min(1) @Max(1_000_000) Integer workersMax,
            @Schema(examples = "30") @NotNull @Min(1) @Max(100_000) Integer enterprisesMin,
            @Schema(examples = "50") @NotNull @Min(1) @Max(100_000) Integer enterprisesMax,
            @Schema(examples = "2027-01-01") @NotNull LocalDate validFrom,
            @Schema(description = "Exclusive; open-ended when omitted", examples = "null") LocalDate validTo) {
    }

    @Schema(name = "StaffingPolicy")
    public record PolicyView(long id,
                             @Schema(description = "Null: covers every org (the default)") Long orgId,
                             String orgPath, int workersMin, int workersMax, int enterprisesMin, int enterprisesMax,
                             LocalDate validFrom, LocalDate validTo, OffsetDateTime createdAt, String createdBy) {
    }

    @Schema(name = "StaffingPolicies", description = "The staffing policies that can apply to an org: its own, those of "
            + "the orgs above it and the default")
    public record Policies(long orgId,
                           @Schema(description = "The policy in force today for this org; null when none") Long inForceToday,
                           List<PolicyView> policies) {
    }

    @Schema(name = "OrgStaffing", description = "Professional social workers of an org's subtree against the ratio")
    public record OrgStaffing(
            @Schema(examples = "5") long orgId,
            @Schema(examples = "1.3.4.5") String orgPath,
            @Schema(examples = "顾村镇总工会") String orgName,
            @Schema(examples = "TOWN") OrgKind kind,
            @Schema(description = "Active members of the orgs in the subtree", examples = "36000") long workers,
            @Schema(description = "Enterprises registered in the subtree and not closed", examples = "800") long enterprises,
            @Schema(description = "SOCIAL_WORKER appointments in term today in the subtree", examples = "9") long socialWorkers,
            @Schema(description = "Fewest social workers the upper figures allow", examples = "16") long required,
            @Schema(description = "Social workers at the lower figures", examples = "27") long target,
            @Schema(description = "required − socialWorkers when short, else 0", examples = "7") long shortBy,
            @Schema(examples = "SHORT") StaffingRules.Verdict verdict,
            @Schema(description = "The policy that judged it", examples = "1") long policyId) {
    }

    @Schema(name = "StaffingReport", description = "Staffing of an org's subtree: the org as a whole, then its town/street "
            + "federations and joint unions (all, or only those that fall short)")
    public record StaffingReport(
            @Schema(examples = "2026-12-07") LocalDate asOf,
            @Schema(description = "The org itself, its whole subtree counted; null when no policy is in force")
            OrgStaffing total,
            @Schema(description = "How many federations and joint unions of the subtree fall short", examples = "3")
            long shortOrgs,
            Page<OrgStaffing> orgs) {
    }
}
