package io.gucun.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.inbox.PublishedContracts;
import org.junit.jupiter.api.Test;

/** outreach's dues.collection.v1 consumer reads only fields dues publishes (docs/events/asyncapi.json). */
class CollectionEventsContractTest {

    @Test
    void theSuspenseLeadReadsOnlyPublishedFields() {
        assertThat(PublishedContracts.problems(DuesCollectionConsumer.CONSUMER, new DuesCollectionConsumer().collectionEvents()))
                .isEmpty();
    }
}
