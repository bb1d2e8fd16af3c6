package io.gucun.outreach.signup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for membership-service (another service) in this service's tests: registers each person once, answers
 * "already registered" with the existing member id for a second registration (without it for a member outside the
 * officer's scope), and can be made unreachable.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeMembership implements MembershipGateway {

    private final AtomicLong ids = new AtomicLong(900_000);
    private final Map<String, Long> byIdNumber = new ConcurrentHashMap<>();
    private final List<SignUpDtos.MemberRegistration> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> outsideScope = ConcurrentHashMap.newKeySet();
    private volatile boolean reachable = true;

    @Override
    public Outcome register(SignUpDtos.MemberRegistration registration, String authorization) {
        if (!reachable) {
            return new Unavailable("membership-service unreachable: ConnectException");
        }
        received.add(registration);
        authorizations.add(String.valueOf(authorization));
        if (registration.orgId() == null) {
            return new Refused("membership-service 400: orgId is required for officers");
        }
        if (outsideScope.contains(registration.idNumber())) {
            // what membership answers an officer who may not see the member: the problem without memberId
            return RestMembershipGateway.fromError(409, JsonNodeFactory.instance.objectNode()
                    .put("type", RestMembershipGateway.DUPLICATE_MEMBER).put("status", 409)
                    .put("detail", "a member with this resident ID number is already registered; one person is one member nationwide"));
        }
        Long existing = byIdNumber.putIfAbsent(registration.idNumber(), ids.get() + 1);
        if (existing != null) {
            return new AlreadyMember(existing);
        }
        return new Registered(ids.incrementAndGet());
    }

    /** Someone registered at membership-service directly, before outreach saw them. */
    public long alreadyRegistered(String idNumber) {
        long id = ids.incrementAndGet();
        byIdNumber.put(idNumber, id);
        return id;
    }

    /** Someone registered at membership-service as a member the uploading officer may not see (another subtree). */
    public void alreadyRegisteredOutsideScope(String idNumber) {
        outsideScope.add(idNumber);
    }

    public Long memberIdOf(String idNumber) {
        return byIdNumber.get(idNumber);
    }

    public void reachable(boolean r) {
        reachable = r;
    }

    public long registrationsFor(String idNumber) {
        return received.stream().filter(r -> r.idNumber().equals(idNumber)).count();
    }

    public List<SignUpDtos.MemberRegistration> received() {
        return received;
    }

    public List<String> authorizations() {
        return authorizations;
    }
}
