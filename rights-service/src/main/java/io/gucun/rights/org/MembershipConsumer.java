package io.gucun.rights.org;

import io.gucun.common.inbox.Inbox;
import io.gucun.common.replica.EnterpriseReplica;
import io.gucun.common.replica.OrgPathColumns;
import io.gucun.common.replica.OrgReplica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the local org tree and enterprise register (common's replica) in step with membership-service, once per event
 * (the Inbox dedupes redeliveries). A moved org also moves the paths rights keeps: cases (scope checks) and blacklist
 * entries.
 */
@ApplicationScoped
public class MembershipConsumer implements OrgPathColumns {

    static final String ORG_CONSUMER = "rights.membership-org";
    static final String ENTERPRISE_CONSUMER = "rights.membership-enterprise";

    @Inject
    Inbox inbox;

    @Inject
    OrgReplica orgs;

    @Inject
    EnterpriseReplica enterprises;

    @Incoming("membership-org")
    @Blocking
    public CompletionStage<Void> consumeOrg(Message<String> message) {
        return inbox.once(ORG_CONSUMER, message, orgs.events());
    }

    @Incoming("membership-enterprise")
    @Blocking
    public CompletionStage<Void> consumeEnterprise(Message<String> message) {
        return inbox.once(ENTERPRISE_CONSUMER, message, enterprises.events());
    }

    @Override
    public List<PathColumn> orgPathColumns() {
        return List.of(new PathColumn("rights_case", "reporting_org_path"), new PathColumn("rights_case", "coordinator_org_path"),
                new PathColumn("blacklist_entry", "enterprise_org_path"));
    }
}
