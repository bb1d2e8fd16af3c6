package io.gucun.common.security;

/** Realm roles of the {@code union} Keycloak realm. */
public final class Roles {
    public static final String MEMBER = "member";
    public static final String OFFICER = "officer";
    public static final String ADMIN = "admin";
    public static final String PARTNER_TAX = "partner-tax";
    public static final String PARTNER_SOCIAL_INSURANCE = "partner-social-insurance";
    /** The credit-information partner: pulls the blacklist feed, receives blacklist webhooks. */
    public static final String PARTNER_CREDIT = "partner-credit";
    public static final String LAWYER = "lawyer";

    private Roles() {
    }
}
