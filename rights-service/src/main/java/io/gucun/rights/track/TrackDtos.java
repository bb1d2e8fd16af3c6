package io.gucun.rights.track;

import io.gucun.rights.track.TrackRecords.ReferralKind;
import io.gucun.rights.track.TrackRecords.ReferralOutcome;
import io.gucun.rights.track.TrackRecords.RoundOutcome;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the tracks and referrals API. Dates are ISO dates, not in the future. */
public final class TrackDtos {

    private TrackDtos() {
    }

    @Schema(description = "Assign a volunteer lawyer (legal aid); they then see this case")
    public record AssignLawyer(
            @NotBlank @Size(max = 100) @Schema(description = "The volunteer lawyer's user name in the realm (role lawyer)", example = "lawyer.wang") String lawyerUsername,
            @NotBlank @Size(max = 100) @Schema(example = "王律师") String lawyerName) {
    }

    public record NewRound(@NotBlank @Size(max = 4000) String summary, @NotNull RoundOutcome outcome,
                           @Schema(example = "2026-11-24") String heldOn) {
    }

    public record NewContract(@NotBlank @Size(max = 200) @Schema(example = "宝山区人力资源和社会保障局") String filedWith,
                              @NotBlank @Size(max = 100) @Schema(example = "BS-JT-2026-0117") String reference,
                              @Schema(example = "2026-12-01") String filedOn) {
    }

    public record NewCongressItem(@NotBlank @Size(max = 300) @Schema(example = "工资支付办法（草案）") String title,
                                  @Size(max = 4000) String resolution, Boolean adopted,
                                  @Schema(example = "2026-12-05") String congressOn) {
    }

    public record NewReferral(@NotNull ReferralKind kind,
                              @NotBlank @Size(max = 200) @Schema(example = "宝山区劳动人事争议仲裁委员会") String body,
                              @Schema(example = "2026-11-26") String referredOn) {
    }

    public record NewOutcome(@NotNull ReferralOutcome outcome, @Size(max = 4000) String note,
                             @Schema(description = "Recovered for the workers, yuan as a decimal string", example = "86000.00")
                             @Size(max = 20) String amountRecovered,
                             @Schema(example = "2026-12-20") String outcomeOn) {
    }

    public record RoundView(long id, int roundNo, LocalDate heldOn, String summary, RoundOutcome outcome, String recordedBy) {
    }

    public record ContractView(LocalDate filedOn, String filedWith, String reference, String recordedBy) {
    }

    public record CongressItemView(long id, String title, LocalDate congressOn, String resolution, Boolean adopted, String recordedBy) {
    }

    public record ReferralView(long id, ReferralKind kind, String body, LocalDate referredOn, String referredBy,
                               ReferralOutcome outcome, LocalDate outcomeOn, String outcomeNote, String amountRecovered,
                               String currency) {
    }

    public record LawyerView(String lawyerUsername, String lawyerName, OffsetDateTime assignedAt, String assignedBy) {
    }

    @Schema(description = "The tracks of a case (四位一体) and its referrals")
    public record TracksView(long caseId, List<Track> tracks, List<LawyerView> lawyers, List<RoundView> bargainingRounds,
                             ContractView collectiveContract, List<CongressItemView> congressItems, List<ReferralView> referrals,
                             String amountRecovered, String currency) {
    }
}
