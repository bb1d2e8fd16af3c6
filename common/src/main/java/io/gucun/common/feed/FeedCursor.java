package io.gucun.common.feed;

import io.gucun.common.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a reader of a change feed stands: after the item at {@code position} of {@code feed}. Clients see it only as
 * an opaque token (base64url of {@code feed:position}); a token of another feed, or one that does not decode, is a
 * 400 naming {@code after}.
 */
public record FeedCursor(String feed, long position) {

    public static final String PARAMETER = "after";

    public FeedCursor {
        if (feed == null || feed.isBlank() || feed.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a feed name is required and must not contain ':'");
        }
        if (position < 0) {
            throw new IllegalArgumentException("a feed position is 0 or more");
        }
    }

    /** The cursor before the first item. */
    public static FeedCursor start(String feed) {
        return new FeedCursor(feed, 0);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((feed + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client passed as {@code after} for {@code feed}; absent or blank means the start of the feed. */
    public static FeedCursor decode(String feed, String token) {
        if (token == null || token.isBlank()) {
            return start(feed);
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        int colon = plain.lastIndexOf(':');
        if (colon <= 0 || !plain.substring(0, colon).equals(feed)) {
            throw malformed();
        }
        String digits = plain.substring(colon + 1);
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            throw malformed();
        }
        return new FeedCursor(feed, Long.parseLong(digits));
    }

    private static ApiException malformed() {
        return ApiException.invalid(PARAMETER, "is not a cursor of this feed; pass the nextCursor of a page of this feed, or leave it out to start at the beginning");
    }
}
