package io.gucun.common.feed;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a change feed. */
@Schema(description = "A page of a change feed. Keep `nextCursor` and pass it as `after` next time; `more` says whether "
        + "another page is ready now. An empty page keeps the cursor where it was.")
public record FeedPage(
        @Schema(example = "enterprise-unions") String feed,
        List<FeedItem> items,
        @Schema(description = "Opaque cursor after the last item of this page", example = "ZW50ZXJwcmlzZS11bmlvbnM6NDI") String nextCursor,
        boolean more) {
}
