package io.gucun.outreach.partner;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class ImportDtos {

    private ImportDtos() {
    }

    @Schema(name = "ImportJob", description = "A partner import and its progress; poll until COMPLETED or FAILED")
    public record JobView(UUID id, ImportKind kind, ImportJob.Status status,
                          @Schema(description = "Data rows read so far (the header not counted)") long rowsRead,
                          long rowsAccepted, long rowsRejected, OffsetDateTime createdAt, OffsetDateTime startedAt,
                          OffsetDateTime finishedAt, String error,
                          @Schema(description = "Where the reject report (CSV: line,reason) can be downloaded") String rejectReport) {
        public static JobView of(ImportJob j) {
            return new JobView(j.id, j.kind, j.status, j.rowsRead, j.rowsAccepted, j.rowsRejected, j.createdAt, j.startedAt,
                    j.finishedAt, j.error, "/api/outreach/imports/" + j.id + "/rejects");
        }
    }
}
