package io.gucun.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field a problem names is the path a client would write: the index on the list, not on the element's field. */
class FieldNameTest {

    record Attachment(@NotBlank String name, @Size(min = 64, max = 64) String sha256) {
    }

    record Report(@NotBlank String title, @Valid List<Attachment> attachments, List<@NotBlank String> tags,
                  Map<String, @NotBlank String> labels, @Valid Attachment cover) {
    }

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static List<String> fields(Report r) {
        return VALIDATOR.validate(r).stream().map(v -> ProblemMappers.fieldName(v.getPropertyPath())).sorted().toList();
    }

    @Test
    void namesNestedListAndMapFieldsAsAClientWritesThem() {
        var r = new Report(" ", List.of(new Attachment("a.pdf", "f00"), new Attachment("", "f".repeat(64))),
                List.of("ok", ""), Map.of("k", ""), new Attachment("", "f".repeat(64)));
        assertThat(fields(r)).containsExactly("attachments[0].sha256", "attachments[1].name", "cover.name", "labels[k]",
                "tags[1]", "title");
    }
}
