package io.gucun.rights.supervision;

import io.gucun.events.rights.NoticeKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the legal-supervision API. */
public final class SupervisionDtos {

    private SupervisionDtos() {
    }

    @Schema(description = "A letter to issue")
    public record NewNotice(
            @NotNull NoticeKind kind,
            @NotBlank @Size(max = 8000) @Schema(example = "请于收到本意见书之日起依法支持职工组建工会……") String content,
            @Size(max = 200) @Schema(description = "Default: the enterprise (rectification) or the district government (proposal)",
                    example = "宝山区人民政府") String addressedTo,
            @Schema(description = "Day the letter was issued (China time), default today; never in the future", example = "2026-11-24")
            String issuedOn) {
    }

    @Schema(description = "The enterprise's response to a letter")
    public record NewResponse(
            @NotNull ResponseOutcome outcome,
            @Size(max = 4000) String note,
            @Schema(description = "Default today; never in the future", example = "2026-12-01") String respondedOn) {
    }

    @Schema(description = "A legal-supervision letter (两书). Never names the reporter.")
    public record NoticeView(long id, long caseId, NoticeKind kind, String enterpriseCreditCode, long issuingOrgId,
                             String addressedTo, String content, LocalDate issuedOn, OffsetDateTime issuedAt, String issuedBy,
                             LocalDate responseDueOn, boolean overdue, LocalDate respondedOn, ResponseOutcome responseOutcome,
                             String responseNote) {
        static NoticeView of(SupervisionNotice n, LocalDate today) {
            return new NoticeView(n.id, n.caseId, n.kind, n.enterpriseCreditCode, n.issuingOrgId, n.addressedTo, n.content,
                    n.issuedOn, n.issuedAt, n.issuedBy, n.responseDueOn, n.responseOutcome == null && today.isAfter(n.responseDueOn),
                    n.respondedOn, n.responseOutcome, n.responseNote);
        }
    }
}
