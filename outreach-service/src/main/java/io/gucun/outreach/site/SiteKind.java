package io.gucun.outreach.site;

/** Where workers gather: the places an outreach event can be held. */
public enum SiteKind {
    COMMERCIAL_BUILDING, INDUSTRIAL_PARK, MARKET, STREET, COMMUNITY
}
