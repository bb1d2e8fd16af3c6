package io.gucun.common.outbox;

/**
 * A received record that cannot be read as the event it claims to be: no CloudEvents id or type, data that is not
 * JSON, or data that does not fit its contract record. Its message names only the event id, its type and field names,
 * never a value, so it may be logged and carried into the dead-letter topic.
 */
public class UnreadableEvent extends IllegalArgumentException {

    public UnreadableEvent(String message, Throwable cause) {
        super(message, cause);
    }
}
