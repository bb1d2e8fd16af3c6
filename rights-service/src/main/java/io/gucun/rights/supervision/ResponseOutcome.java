package io.gucun.rights.supervision;

/** What the enterprise answered to a letter. */
public enum ResponseOutcome {
    RECTIFIED,
    REFUSED
}
