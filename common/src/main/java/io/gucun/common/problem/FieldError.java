package io.gucun.common.problem;

/** One offending input field: a JSON-pointer-like dotted path (e.g. {@code idNumber}, {@code rows[3].period}) and why. */
public record FieldError(String field, String message) {
}
