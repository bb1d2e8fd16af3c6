package io.gucun.membership.member;

import io.gucun.common.identity.ValidCreditCode;
import io.gucun.common.identity.ValidResidentId;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.JoinVia;
import io.gucun.events.membership.LeaveReason;
import io.gucun.events.membership.OccupationCategory;
import io.gucun.membership.org.UnionOrg;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the member API. Responses show personal data only masked. */
public final class MemberDtos {

    private MemberDtos() {
    }

    @Schema(name = "NewMember", description = "A real-name registration. With `orgId`, a worker registering themself "
            + "applies to that union at once; an officer registering a worker admits them there on the spot (required for officers).")
    public record NewMember(
            @Schema(description = "18-character resident ID number (GB 11643); never shown again unmasked", examples = "110105199003071239")
            @NotBlank @ValidResidentId String idNumber,
            @Schema(description = "Legal name as on the ID card", examples = "王小明") @NotBlank @Size(max = 100) String name,
            @Schema(description = "Mobile number; without +country code it is read as mainland China", examples = "13800138000")
            @NotBlank @ValidMobile String mobile,
            @Schema(description = "Employer's Unified Social Credit Code (GB 32100); omit when there is no employer",
                    examples = "91310113MA1GL1B43C") @ValidCreditCode String employerCreditCode,
            @Schema(examples = "上海某某物流有限公司") @Size(max = 200) String employerName,
            @Schema(description = "Occupation in the worker's words", examples = "快递员") @Size(max = 200) String occupation,
            @Schema(examples = "COURIER") OccupationCategory occupationCategory,
            @Schema(examples = "PLATFORM_GIG") @NotNull EmploymentForm employmentForm,
            @Schema(description = "The union to join: enterprise union, area/industry joint union or town federation", examples = "42")
            Long orgId,
            @Schema(description = "Remark for the application", examples = "公司尚未建会") @Size(max = 500) String note) {
    }

    @Schema(name = "Member", description = "A registered person and their membership; personal data masked")
    public record MemberView(
            @Schema(examples = "1001") long id,
            @Schema(examples = "王小明") String name,
            @Schema(examples = "110105********1239") String idNumberMasked,
            @Schema(examples = "138****8000") String mobileMasked,
            @Schema(examples = "1990") int birthYear,
            @Schema(description = "Region of the ID number (GB/T 2260)", examples = "110105") String regionCode,
            @Schema(examples = "91310113MA1GL1B43C") String employerCreditCode,
            @Schema(examples = "上海某某物流有限公司") String employerName,
            @Schema(examples = "快递员") String occupation,
            @Schema(examples = "COURIER") OccupationCategory occupationCategory,
            @Schema(examples = "PLATFORM_GIG") EmploymentForm employmentForm,
            @Schema(examples = "ACTIVE") MemberStatus status,
            @Schema(description = "Current org while ACTIVE, last org after leaving", examples = "42") Long orgId,
            @Schema(examples = "顾村镇快递行业联合工会") String orgName,
            @Schema(examples = "1.3.4.42") String orgPath,
            OffsetDateTime joinedAt,
            @Schema(description = "Last day something kept the membership alive (admission, transfer, dues, union life)",
                    examples = "2026-11-20") LocalDate lastActiveOn,
            @Schema(description = "Whether the person's own login is linked (for /me)") boolean accountLinked,
            OffsetDateTime registeredAt,
            int version) {

        public static MemberView of(Member m) {
            UnionOrg org = m.orgId == null ? null : UnionOrg.findById(m.orgId);
            return new MemberView(m.id, m.name, m.idNumberMasked, m.mobileMasked, m.birthYear, m.regionCode,
                    m.employerCreditCode, m.employerName, m.occupation, m.occupationCategory, m.employmentForm, m.status,
                    m.orgId, org == null ? null : org.name, org == null ? null : org.path, m.joinedAt, m.lastActiveOn,
                    m.accountSubject != null, m.registeredAt, m.version);
        }
    }

    @Schema(name = "Registration", description = "The registered member and, when one was filed, their application")
    public record Registration(MemberView member, ApplicationView application) {
    }

    @Schema(name = "IdNumberQuery", description = "A resident ID number to search for; sent in the body so it never appears in a URL or access log")
    public record IdNumberQuery(
            @Schema(examples = "110105199003071239") @NotBlank @ValidResidentId String idNumber) {
    }

    @Schema(name = "Identity", description = "A member's full identity data; every read is audited")
    public record IdentityView(
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "王小明") String name,
            @Schema(examples = "110105199003071239") String idNumber,
            @Schema(description = "E.164", examples = "+8613800138000") String mobile,
            @Schema(description = "Id of the audit row this read wrote", examples = "17") long auditId) {
    }

    @Schema(name = "IdentityAccess", description = "Audit of one read of a member's full identity data")
    public record IdentityAccessView(
            @Schema(examples = "17") long id,
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "admin.li") String accessedBy,
            @Schema(examples = "8f2c6a0e-1c1b-4c55-9d55-2c1e0f3b7a10") String subject,
            OffsetDateTime accessedAt,
            @Schema(examples = "核实劳动仲裁申请人身份") String reason,
            @Schema(examples = "ID_NUMBER,MOBILE") String fields) {

        public static IdentityAccessView of(IdentityAccess a) {
            return new IdentityAccessView(a.id, a.memberId, a.accessedBy, a.subject, a.accessedAt, a.reason, a.fields);
        }
    }

    @Schema(name = "EmploymentChange", description = "A member's new employment situation; membership continues whatever it is")
    public record EmploymentChange(
            @Schema(examples = "91310113MA1GL1B43C") @ValidCreditCode String employerCreditCode,
            @Schema(examples = "上海某某物流有限公司") @Size(max = 200) String employerName,
            @Schema(examples = "退休") @Size(max = 200) String occupation,
            @Schema(examples = "OTHER") OccupationCategory occupationCategory,
            @Schema(examples = "RETIRED") @NotNull EmploymentForm employmentForm) {
    }

    @Schema(name = "AccountLink", description = "The login (token subject) of the person a member record belongs to")
    public record AccountLink(
            @Schema(examples = "8f2c6a0e-1c1b-4c55-9d55-2c1e0f3b7a10") @NotBlank @Size(max = 255) String subject) {
    }

    @Schema(name = "NewApplication", description = "An application to join a union")
    public record NewApplication(
            @Schema(description = "The union to join; omitted: the one /union-match recommends for the member's employer",
                    examples = "42") Long orgId,
            @Schema(examples = "公司尚未建会，申请加入园区联合工会") @Size(max = 500) String note) {
    }

    @Schema(name = "Application", description = "An application to join a union and its decision")
    public record ApplicationView(
            @Schema(examples = "501") long id,
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "顾村镇快递行业联合工会") String orgName,
            @Schema(examples = "PENDING") ApplicationStatus status,
            String note,
            OffsetDateTime appliedAt,
            @Schema(examples = "wang.xiaoming") String appliedBy,
            OffsetDateTime decidedAt,
            @Schema(examples = "officer.zhang") String decidedBy,
            @Schema(examples = "材料齐全") String decisionReason,
            @Schema(description = "How the approval happened; null unless APPROVED", examples = "APPLICATION") JoinVia via) {

        public static ApplicationView of(MembershipApplication a) {
            UnionOrg org = UnionOrg.findById(a.orgId);
            return new ApplicationView(a.id, a.memberId, a.orgId, org == null ? null : org.name, a.status, a.note,
                    a.appliedAt, a.appliedBy, DecisionRecord.at(a.decision), DecisionRecord.by(a.decision), DecisionRecord.reason(a.decision), a.via);
        }
    }

    @Schema(name = "Decision", description = "An officer's decision; a reason is required to reject and optional to approve")
    public record Decision(@Schema(examples = "非本园区企业职工，请向所在镇工会申请") @Size(max = 500) String reason) {
    }

    @Schema(name = "NewJoinPolicy", description = "A dated join policy of one org; validTo is exclusive and may be left open")
    public record NewJoinPolicy(
            @Schema(examples = "42") @NotNull Long orgId,
            @Schema(examples = "true") @NotNull Boolean autoApprove,
            @Schema(examples = "2026-01-01") @NotNull LocalDate validFrom,
            @Schema(examples = "2027-01-01") LocalDate validTo) {
    }

    @Schema(name = "JoinPolicy", description = "A dated join policy of one org")
    public record JoinPolicyView(
            @Schema(examples = "7") long id,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "true") boolean autoApprove,
            @Schema(examples = "2026-01-01") LocalDate validFrom,
            @Schema(examples = "2027-01-01") LocalDate validTo,
            @Schema(description = "Whether this is the policy deciding applications filed today (China Standard Time)") boolean inForceToday,
            OffsetDateTime createdAt,
            @Schema(examples = "officer.zhang") String createdBy) {
    }

    @Schema(name = "NewTransfer", description = "A request to move a membership to another union")
    public record NewTransfer(
            @Schema(examples = "77") @NotNull Long toOrgId,
            @Schema(examples = "返乡就业") @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(name = "Transfer", description = "A transfer of a membership between unions")
    public record TransferView(
            @Schema(examples = "301") long id,
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "42") long fromOrgId,
            @Schema(examples = "顾村镇快递行业联合工会") String fromOrgName,
            @Schema(examples = "77") long toOrgId,
            @Schema(examples = "贵州省某县园区联合工会") String toOrgName,
            @Schema(examples = "PENDING") TransferStatus status,
            @Schema(examples = "返乡就业") String reason,
            OffsetDateTime requestedAt,
            @Schema(examples = "wang.xiaoming") String requestedBy,
            OffsetDateTime decidedAt,
            @Schema(examples = "officer.liu") String decidedBy,
            String decisionReason) {

        public static TransferView of(MembershipTransfer t) {
            UnionOrg from = UnionOrg.findById(t.fromOrgId);
            UnionOrg to = UnionOrg.findById(t.toOrgId);
            return new TransferView(t.id, t.memberId, t.fromOrgId, from == null ? null : from.name, t.toOrgId,
                    to == null ? null : to.name, t.status, t.reason, t.requestedAt, t.requestedBy, DecisionRecord.at(t.decision),
                    DecisionRecord.by(t.decision), DecisionRecord.reason(t.decision));
        }
    }

    @Schema(name = "Leave", description = "Ending a membership")
    public record Leave(
            @Schema(examples = "VOLUNTARY") @NotNull LeaveReason reason,
            @Schema(description = "Free-text remark, kept in the history, never in events", examples = "本人申请退会") @Size(max = 500) String note) {
    }

    @Schema(name = "MembershipPeriod", description = "One stay of a member in one org")
    public record PeriodView(
            @Schema(examples = "42") long orgId,
            @Schema(examples = "顾村镇快递行业联合工会") String orgName,
            @Schema(examples = "1.3.4.42") String orgPath,
            OffsetDateTime from,
            @Schema(description = "Null while current") OffsetDateTime to,
            @Schema(examples = "APPLICATION") MembershipPeriod.Reason startReason,
            @Schema(examples = "TRANSFER_OUT") MembershipPeriod.Reason endReason,
            String endNote) {

        public static PeriodView of(MembershipPeriod p) {
            UnionOrg org = UnionOrg.findById(p.orgId);
            return new PeriodView(p.orgId, org == null ? null : org.name, org == null ? null : org.path, p.startedAt,
                    p.endedAt, p.startReason, p.endReason, p.endNote);
        }

        public static List<PeriodView> history(long memberId) {
            List<MembershipPeriod> periods = MembershipPeriod.list("memberId = ?1 order by startedAt, id", memberId);
            return periods.stream().map(PeriodView::of).toList();
        }
    }

    @Schema(name = "NewLapsePolicy", description = "A dated lapse policy for the members of an org's subtree")
    public record NewLapsePolicy(
            @Schema(examples = "12") @NotNull Long orgId,
            @Schema(description = "Months without activity after which a membership lapses", examples = "6")
            @NotNull @Min(1) @Max(120) Integer monthsWithoutActivity,
            @Schema(examples = "2027-01-01") @NotNull LocalDate validFrom,
            @Schema(description = "Exclusive; open-ended when omitted", examples = "null") LocalDate validTo) {
    }

    @Schema(name = "LapsePolicy")
    public record LapsePolicyView(long id, long orgId, String orgPath, int monthsWithoutActivity, LocalDate validFrom,
                                  LocalDate validTo, OffsetDateTime createdAt, String createdBy) {
    }

    @Schema(name = "LapsePolicies", description = "The lapse policies that can apply to members of an org: its own and those of the orgs above")
    public record LapsePolicies(
            @Schema(examples = "42") long orgId,
            @Schema(description = "The policy in force today for members directly in this org; null when none", examples = "3")
            Long inForceToday,
            List<LapsePolicyView> policies) {
    }

    @Schema(name = "NewMemberActivity", description = "Something that kept a membership alive")
    public record NewActivity(
            @Schema(examples = "2026-11-20") @NotNull LocalDate activeOn,
            @Schema(examples = "DUES_PAID") @NotNull MemberActivity.Kind kind,
            @Schema(examples = "2026 年第四季度会费") @Size(max = 500) String note) {
    }

    @Schema(name = "MemberActivity")
    public record ActivityView(long id, long memberId, LocalDate activeOn, MemberActivity.Kind kind, String note,
                               OffsetDateTime recordedAt, String recordedBy) {
    }

    @Schema(name = "NewLapseRun", description = "Apply the lapse policies in force to the members of an org's subtree")
    public record NewLapseRun(
            @Schema(examples = "12") @NotNull Long orgId,
            @Schema(description = "The day to judge; default today; not in the future", examples = "2026-11-24") LocalDate asOf,
            @Schema(description = "true (default): only list who would lapse; false: end those memberships", examples = "true")
            Boolean dryRun) {
    }

    @Schema(name = "LapsedMember")
    public record LapsedMember(
            @Schema(examples = "1001") long memberId,
            @Schema(examples = "110105********1239") String idNumberMasked,
            @Schema(examples = "42") long orgId,
            @Schema(examples = "2026-03-02") LocalDate lastActiveOn,
            @Schema(description = "The day the policy's months ran out", examples = "2026-09-02") LocalDate lapsedOn,
            @Schema(examples = "3") long policyId) {
    }

    @Schema(name = "LapseRun", description = "Who lapses (or lapsed) on asOf")
    public record LapseRunView(
            long orgId,
            LocalDate asOf,
            boolean dryRun,
            @Schema(description = "Memberships that lapse (dry run) or were ended") int lapsed,
            @Schema(description = "Retirees and the unemployed past the limit, who keep their membership") int retained,
            @Schema(description = "The lapsing members, at most 500") List<LapsedMember> members,
            @Schema(description = "Whether members lists only the first 500") boolean truncated) {
    }
}
