package io.gucun.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The contract version of an event payload record; a record without it is version 1. A change a consumer could
 * trip on (a field renamed, removed or retyped) is a new record with the next version, published beside the old one
 * until every consumer reads it; adding a field is not (readers ignore fields they do not know).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {
    int value();
}
