package io.gucun.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsWellFormedIds() {
        assertThat(RequestIds.acceptOrGenerate("abc-123_X.y")).isEqualTo("abc-123_X.y");
        assertThat(RequestIds.acceptOrGenerate("a".repeat(64))).isEqualTo("a".repeat(64));
    }

    @Test
    void replacesMissingOrMalformedIds() {
        for (String bad : new String[] { null, "", "a".repeat(65), "has space", "semi;colon", "ünïcode", "new\nline" }) {
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(id).isNotEqualTo(bad).matches("[0-9a-f-]{36}");
        }
    }
}
