package io.gucun.common.webhook;

/** The OpenAPI texts of the partner webhook API ({@link PartnerWebhookResource}), the same in every service that offers one. */
public final class WebhookApiDocs {

    public static final String TAG = "Partner webhooks";
    public static final String TAG_DESCRIPTION = "Signed, retried event deliveries to a partner's endpoint; see docs/partners";
    public static final String REGISTER = "Register an endpoint for events; the signing secret is in the answer, once";
    public static final String REGISTER_DESCRIPTION = "Deliveries are POSTs of the event as JSON ({id, type, source, subject, data}) with headers "
            + "Gucun-Event-Id (dedupe on it), Gucun-Event-Type, Gucun-Delivery-Id and Gucun-Signature "
            + "(t=<unix seconds>,v1=<hex HMAC-SHA256 of t + \".\" + body>). A 2xx answer delivers; anything else "
            + "(or no answer within 10 s) retries with exponential backoff, then dead-letters. The URL must be https and its "
            + "host must resolve only to public addresses (checked now and before every attempt); a partner has at most "
            + "5 active subscriptions (by default).";
    public static final String LIST = "The caller's webhook subscriptions (without secrets)";
    public static final String GET = "One of the caller's subscriptions";
    public static final String DELETE = "Stop deliveries to this subscription (its log stays)";
    public static final String ROTATE = "Rotate the signing secret without downtime";
    public static final String ROTATE_DESCRIPTION = "Returns the new secret, once. For 24 hours both the new and the previous secret sign every delivery "
            + "(two v1 values in Gucun-Signature), so the receiver may switch to the new secret at any moment of that window.";
    public static final String DELIVERIES = "The delivery log, newest first (state=DEAD: the dead letters)";
    public static final String DELIVERIES_DESCRIPTION = "lastError is generic: connection failed, timed out, TLS handshake failed, "
            + "HTTP <status> from the endpoint, host did not resolve, or destination not allowed (with the reason).";
    public static final String REPLAY = "Replay a dead delivery (fresh retry budget)";
    public static final String REPLAY_DEAD = "Replay every dead delivery of the subscription";
    public static final String NOT_A_PARTNER = "Not a partner with webhooks here";
    public static final String NOT_YOURS = "No such subscription of yours";

    private WebhookApiDocs() {
    }
}
