package io.gucun.events.rights;

/** Why an enterprise is on the blacklist. */
public enum BlacklistReason {
    /** Ignored the legal-supervision letters past their deadline (found by the blacklist check). */
    IGNORED_SUPERVISION,
    /** Confirmed to obstruct the founding of a union (an officer's decision with evidence). */
    OBSTRUCTED_FOUNDING
}
