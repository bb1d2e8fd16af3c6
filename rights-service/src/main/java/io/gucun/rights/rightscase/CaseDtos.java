package io.gucun.rights.rightscase;

import io.gucun.common.identity.ValidCreditCode;
import io.gucun.events.rights.CaseCategory;
import io.gucun.events.rights.CaseState;
import io.gucun.events.rights.ReporterKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the case API. */
public final class CaseDtos {

    private CaseDtos() {
    }

    public enum PartyRole { WORKER, EMPLOYER, UNION, OTHER }

    @Schema(description = "A party to the case")
    public record PartyIn(
            @NotNull PartyRole role,
            @NotBlank @Size(max = 100) @Schema(example = "外卖骑手 12 人") String name,
            @Size(max = 500) String note) {
    }

    @Schema(description = "Metadata of a document the reporter holds; the file itself is not uploaded here")
    public record AttachmentIn(
            @NotBlank @Size(max = 255) @Schema(example = "工资条-2026-10.pdf") String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z]+/[A-Za-z0-9.+-]+", message = "must be a media type like application/pdf")
            @Schema(example = "application/pdf") String mediaType,
            @NotNull @Min(1) @Max(104_857_600) @Schema(example = "183204") Long sizeBytes,
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be a SHA-256 checksum in 64 hex digits") String sha256) {
    }

    @Schema(description = "A rights case as reported")
    public record NewCase(
            @NotNull CaseCategory category,
            @NotBlank @Size(max = 4000) @Schema(example = "公司拖欠 10 月工资，涉及 12 名员工") String summary,
            @NotNull @Schema(description = "The union the case is reported to or by (the worker's union, the enterprise union, ...)", example = "6")
            Long reportingOrgId,
            @NotBlank @ValidCreditCode @Schema(example = "91310113MA1GL3XKX1") String enterpriseCreditCode,
            @NotNull @Min(1) @Max(1_000_000) @Schema(description = "5 or more makes a group case", example = "12") Integer workersAffected,
            @Schema(description = "Keep the reporter's identity from the employer (never in letters or events)") Boolean reporterAnonymous,
            @Valid @Size(max = 50) List<PartyIn> parties,
            @Valid @Size(max = 20) List<AttachmentIn> attachments) {
    }

    @Schema(description = "Why (optional for most steps)")
    public record NoteRequest(@Size(max = 2000) String note) {
    }

    @Schema(description = "How the case was resolved")
    public record ResolveRequest(
            @NotBlank @Size(max = 4000) String resolution,
            @Schema(description = "Amount recovered for the workers by this resolution, yuan as a decimal string", example = "86000.00")
            @Size(max = 20) String amountRecovered) {
    }

    @Schema(description = "Hand the case further up the tree")
    public record EscalateRequest(
            @Schema(description = "An org above the current coordinator; default: its parent", example = "4") Long toOrgId,
            @NotBlank @Size(max = 2000) String reason) {
    }

    public record OrgRef(long id, String name) {
    }

    @Schema(description = "A rights case")
    public record CaseView(
            long id, CaseCategory category, CaseState state, Set<CaseState> allowedNextStates, String summary,
            ReporterKind reporterKind, boolean reporterAnonymous,
            @Schema(description = "The reporter's user id: shown to the reporter, officers and admins only") String reporterId,
            boolean mine, OrgRef reportingOrg, OrgRef coordinatorOrg, String enterpriseCreditCode, String enterpriseName,
            int workersAffected, boolean groupCase, List<RightsCase.Party> parties, List<RightsCase.Attachment> attachments,
            OffsetDateTime reportedAt, LocalDate takeoverDueOn, OffsetDateTime takenOverAt,
            @Schema(description = "The step whose deadline runs now") String currentStep, LocalDate dueOn, boolean overdue,
            OffsetDateTime resolvedAt, String resolution, OffsetDateTime endedAt,
            @Schema(example = "86000.00") String amountRecovered, String currency, String lawyerUsername, String lawyerName) {
    }

    public record TransitionView(CaseState fromState, CaseState toState, OffsetDateTime at, String by, String note) {
        static TransitionView of(CaseTransition t) {
            return new TransitionView(t.fromState, t.toState, t.at, t.byUser, t.note);
        }
    }

    public record ResponsibilityView(String kind, OrgRef fromOrg, OrgRef toOrg, OffsetDateTime at, String by, String reason) {
    }

    @Schema(description = "Everything that happened to a case, oldest first")
    public record HistoryView(List<TransitionView> transitions, List<ResponsibilityView> responsibility) {
    }

    @Schema(description = "A deadline coming up or passed")
    public record Reminder(long caseId, String kind, String what, LocalDate dueOn, boolean overdue, OrgRef coordinatorOrg) {
    }
}
