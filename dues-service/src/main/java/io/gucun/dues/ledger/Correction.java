package io.gucun.dues.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a system posting is corrected (a void, the reversal of a run, the revocation of a grant); kept with the record. */
@Schema(description = "Why the record is corrected")
public record Correction(@Schema(example = "registered twice") @NotBlank @Size(max = 500) String reason) {
}
