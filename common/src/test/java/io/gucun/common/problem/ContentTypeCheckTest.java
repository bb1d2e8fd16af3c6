package io.gucun.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypeCheckTest {

    @Test
    void mediaTypesPassAndAnythingElseDoesNot() {
        assertThat(ContentTypeCheck.parses("application/json")).isTrue();
        assertThat(ContentTypeCheck.parses("application/json; charset=UTF-8")).isTrue();
        assertThat(ContentTypeCheck.parses("text/csv;charset=utf-8")).isTrue();
        assertThat(ContentTypeCheck.parses("multipart/form-data; boundary=----x")).isTrue();
        assertThat(ContentTypeCheck.parses("garbage")).isFalse();
        assertThat(ContentTypeCheck.parses("json")).isFalse();
        assertThat(ContentTypeCheck.parses("/csv")).isFalse();
        assertThat(ContentTypeCheck.parses("")).isFalse();
    }
}
