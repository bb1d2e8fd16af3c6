package io.gucun.common.webhook;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service offers by webhook: each event type and the partner roles that may subscribe to it, and the
 * {@code source} every delivery body names. A service that offers webhooks produces one as a CDI bean; the shared
 * webhook beans do nothing in a service without one.
 *
 * @param source          e.g. {@code /gucun/rights}
 * @param partnersByType  event type → partner roles that may receive it
 * @param pushedFeedItems change-feed item type → the event type it is pushed as ({@link WebhookFanOut} turns each
 *                        committed feed item of these types into deliveries); empty for a service that fans out
 *                        events some other way after their commit
 */
public record WebhookCatalog(String source, Map<String, Set<String>> partnersByType, Map<String, String> pushedFeedItems) {

    public WebhookCatalog {
        partnersByType = Map.copyOf(partnersByType);
        pushedFeedItems = Map.copyOf(pushedFeedItems);
    }

    public WebhookCatalog(String source, Map<String, Set<String>> partnersByType) {
        this(source, partnersByType, Map.of());
    }

    /** The partner roles that have webhooks here. */
    public Set<String> partners() {
        Set<String> all = new TreeSet<>();
        partnersByType.values().forEach(all::addAll);
        return all;
    }

    /** Whether {@code partner} may subscribe to {@code type}. */
    public boolean offers(String type, String partner) {
        Set<String> roles = partnersByType.get(type);
        return roles != null && roles.contains(partner);
    }

    /** Whether any partner may subscribe to {@code type}: events of other types are not fanned out. */
    public boolean offers(String type) {
        return partnersByType.containsKey(type);
    }

    /** The event types {@code partner} may subscribe to, sorted (named in the 422 for an unknown one). */
    public List<String> offeredTo(String partner) {
        return partnersByType.entrySet().stream().filter(e -> e.getValue().contains(partner)).map(Map.Entry::getKey)
                .sorted().toList();
    }
}
