package io.gucun.dues.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.problem.Problem;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class JobDtos {

    private JobDtos() {
    }

    @Schema(name = "DuesJob", description = "A collection import or a rebate run done in the background; poll its href until "
            + "SUCCEEDED (result) or FAILED (problem)")
    public record JobView(UUID id, DuesJob.Kind kind, DuesJob.Status status, String submittedBy, OffsetDateTime createdAt,
                          OffsetDateTime startedAt, OffsetDateTime finishedAt, Progress progress,
                          @Schema(description = "COLLECTION_IMPORT: the import its records post into") Long importId,
                          @Schema(description = "REBATE_RUN: the collecting org") Long orgId,
                          @Schema(description = "REBATE_RUN: the period, YYYY-MM") String period,
                          @Schema(type = SchemaType.OBJECT, description = "When SUCCEEDED. COLLECTION_IMPORT: counts and the "
                                  + "records that did not simply post, with line numbers and fields (ImportResult); "
                                  + "REBATE_RUN: the run (RunView; runId null when there was nothing to rebate)")
                          // Object, not JsonNode: OpenAPI describes a JsonNode as an array. Not oneOf the two result
                          // schemas either: the job package must not depend on the features whose work it runs.
                          Object result,
                          @Schema(implementation = Problem.class, description = "When FAILED: why") JsonNode problem,
                          String href) {

        public static JobView of(DuesJob j, ObjectMapper mapper) {
            return new JobView(j.id, j.kind, j.status, j.submittedBy, j.createdAt, j.startedAt, j.finishedAt,
                    new Progress(j.chunks, j.chunksDone, j.rowsTotal, j.rowsDone, j.posted, j.duplicates, j.rejected, j.flagged),
                    j.importId, j.orgId, j.period, tree(mapper, j.result), tree(mapper, j.problem), "/api/dues/jobs/" + j.id);
        }

        private static JsonNode tree(ObjectMapper mapper, String json) {
            try {
                return json == null ? null : mapper.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Schema(name = "DuesJobProgress", description = "How far a job is: an import counts chunks and records as they commit")
    public record Progress(int chunks, int chunksDone, long rows, long rowsDone, long posted, long duplicates, long rejected,
                           long flagged) {
    }
}
