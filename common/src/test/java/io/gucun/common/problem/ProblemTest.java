package io.gucun.common.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void extensionsAreWrittenBesideTheMembersAndEachNameOnce() throws Exception {
        Problem p = new Problem(Problem.TYPE_PREFIX + "transfer-decided", "Conflict", 409, "already decided", "/transfers/3",
                "r-1", null, Map.of("currentStatus", "CANCELLED"));
        String body = json.writeValueAsString(p);
        JsonNode tree = json.readTree(body);
        assertThat(tree.path("status").asInt()).isEqualTo(409);
        assertThat(tree.path("currentStatus").asText()).isEqualTo("CANCELLED");
        assertThat(body.split("\"status\"", -1)).as(body).hasSize(2);
    }

    @Test
    void anExtensionNamedLikeAMemberIsRefused() {
        for (String member : Problem.MEMBERS) {
            assertThatThrownBy(() -> new Problem(Problem.TYPE_PREFIX + "x", "Conflict", 409, "d", "/x", null, null,
                    Map.of(member, "shadow"))).as(member).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(member);
        }
    }
}
