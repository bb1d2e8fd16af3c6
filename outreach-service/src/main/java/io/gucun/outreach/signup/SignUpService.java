package io.gucun.outreach.signup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.problem.ApiException;
import io.gucun.common.problem.FieldError;
import io.gucun.common.time.BusinessTime;
import io.gucun.common.api.NativePage;
import io.gucun.common.replica.KnownOrg;
import io.gucun.events.outreach.SignUpEvents;
import io.gucun.outreach.event.EventService;
import io.gucun.outreach.event.EventStaff;
import io.gucun.outreach.event.EventStatus;
import io.gucun.outreach.event.OutreachEvent;
import io.gucun.outreach.lead.LeadService;
import io.gucun.outreach.membership.OrgScopes;
import io.gucun.outreach.site.Site;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On-site sign-up: records what the worker left at the stall (idempotently, by the client's id), then turns it into a
 * membership registration through membership-service. When membership cannot be reached the sign-up stays PENDING —
 * stored, never lost — and is retried.
 */
@ApplicationScoped
public class SignUpService {

    @Inject
    OrgScopes scopes;

    @Inject
    EventService events;

    @Inject
    LeadService leads;

    @Inject
    PersonalDataCipher cipher;

    @Inject
    BlindIndexes indexes;

    @Inject
    MembershipGateway membership;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    BusinessTime time;

    @ConfigProperty(name = "gucun.outreach.sign-up.delivery-lease", defaultValue = "PT30S")
    Duration deliveryLease;

    @ConfigProperty(name = "gucun.outreach.sign-up.retry-batch", defaultValue = "100")
    int retryBatch;

    /** A checked, not yet written sign-up. */
    /** {@code idHashes}: the person's ID-number hash under each key version in use, the current one first. */
    private record Checked(SignUpDtos.NewSignUp item, String staff, KnownOrg org, List<String> idHashes, String fingerprint) {
    }

    /** Uploads a batch: all recorded in one transaction (or none), then each new or still pending one is delivered. */
    public List<SignUpDtos.Result> upload(long eventId, List<SignUpDtos.NewSignUp> items, String authorization) {
        List<SignUpDtos.Result> recorded = QuarkusTransaction.requiringNew().call(() -> record(eventId, items));
        for (SignUpDtos.Result r : recorded) {
            if (r.signUp().status() == SignUpStatus.PENDING) {
                deliver(r.signUp().id(), authorization);
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> recorded.stream()
                .map(r -> new SignUpDtos.Result(r.id(), r.outcome(), SignUpDtos.SignUpView.of(SignUp.findById(r.signUp().id()))))
                .toList());
    }

    private List<SignUpDtos.Result> record(long eventId, List<SignUpDtos.NewSignUp> items) {
        OutreachEvent event = events.get(eventId);
        // Uploads to one event are recorded one at a time: a batch the tablet sends twice at once then finds the first
        // upload's sign-ups (REPLAYED) instead of failing on their duplicate key.
        SignUp.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('outreach-sign-ups'), ?1)")
                .setParameter(1, (int) event.id.longValue()).getSingleResult();
        if (event.status == EventStatus.CANCELLED) {
            throw ApiException.unprocessable("event-cancelled", "the event was cancelled; it takes no sign-ups");
        }
        Site site = Site.findById(event.siteId);
        KnownOrg defaultUnion = defaultUnionFor(site.orgPath).orElseGet(() -> KnownOrg.findById(site.orgId));
        List<FieldError> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            SignUpDtos.NewSignUp item = items.get(i);
            String field = "signUps[" + i + "].";
            String staff = item.staff() == null || item.staff().isBlank() ? scopes.username() : item.staff().trim();
            if (!EventStaff.isAssigned(eventId, staff)) {
                errors.add(new FieldError(field + "staff", "is not assigned to this event"));
            }
            KnownOrg org = defaultUnion;
            if (item.orgId() != null) {
                org = KnownOrg.findById(item.orgId());
                if (org == null) {
                    errors.add(new FieldError(field + "orgId", "names no known union organization"));
                } else {
                    scopes.requireCovers(org.path);
                }
            }
            List<String> idHashes = indexes.idNumber().hashesInUse(ResidentIdNumber.normalize(item.idNumber()));
            checked.add(new Checked(item, staff, org, idHashes, fingerprint(item, staff)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        leads.takeTurns(checked.stream().map(c -> c.item().employerCreditCode())
                .filter(code -> code != null && !code.isBlank()).map(CreditCode::normalize).toList());
        List<SignUpDtos.Result> results = new ArrayList<>();
        for (Checked c : checked) {
            results.add(recordOne(event, c));
        }
        return results;
    }

    private SignUpDtos.Result recordOne(OutreachEvent event, Checked c) {
        SignUp replayed = SignUp.findById(c.item().id());
        if (replayed != null) {
            if (!replayed.fingerprint.equals(c.fingerprint()) || !replayed.eventId.equals(event.id)) {
                throw ApiException.conflict("sign-up-id-reused", "sign-up " + c.item().id()
                        + " was uploaded before with different content", Map.of("signUpId", c.item().id()));
            }
            return new SignUpDtos.Result(c.item().id(), "REPLAYED", SignUpDtos.SignUpView.of(replayed));
        }
        SignUp samePerson = SignUp.find("eventId = ?1 and idHash in ?2", event.id, c.idHashes()).firstResult();
        if (samePerson != null) {
            return new SignUpDtos.Result(c.item().id(), "SAME_PERSON", SignUpDtos.SignUpView.of(samePerson));
        }
        SignUpDtos.NewSignUp item = c.item();
        SignUp s = new SignUp();
        s.id = item.id();
        s.eventId = event.id;
        s.staff = c.staff();
        s.orgId = c.org().id;
        s.orgPath = c.org().path;
        s.idHash = c.idHashes().getFirst();
        s.idHashVersion = indexes.idNumber().current().version();
        s.idMasked = ResidentIdNumber.mask(ResidentIdNumber.normalize(item.idNumber()));
        s.mobileMasked = Mobile.Rules.mask(item.mobile());
        s.employerCreditCode = item.employerCreditCode() == null || item.employerCreditCode().isBlank() ? null
                : CreditCode.normalize(item.employerCreditCode());
        s.employerName = item.employerName();
        s.status = SignUpStatus.PENDING;
        s.registration = cipher.encrypt(json(new SignUpDtos.MemberRegistration(ResidentIdNumber.normalize(item.idNumber()),
                item.name().trim(), item.mobile().trim(), s.employerCreditCode, item.employerName(), item.occupation(),
                item.occupationCategory() == null ? null : item.occupationCategory().name(), item.employmentForm().name(),
                s.orgId, "职工沟通会现场登记 (outreach event " + event.id + ")")));
        s.signedUpAt = item.signedUpAt();
        s.receivedAt = now();
        s.receivedBy = scopes.username();
        s.fingerprint = c.fingerprint();
        s.persist();
        outbox.record(SignUpEvents.AGGREGATE, s.id, "WorkerSignedUp", new SignUpEvents.WorkerSignedUp(s.id, event.id,
                s.orgId, s.orgPath, s.staff, s.employerCreditCode, s.signedUpAt));
        if (s.employerCreditCode != null) {
            leads.workerSeen(s.employerCreditCode, s.employerName, event);
        }
        return new SignUpDtos.Result(s.id, "CREATED", SignUpDtos.SignUpView.of(s));
    }

    /** Sends one pending sign-up to membership-service, unless another request is delivering it right now. */
    public void deliver(UUID id, String authorization) {
        String sealed = QuarkusTransaction.requiringNew().call(() -> claim(id));
        if (sealed == null) {
            return;
        }
        MembershipGateway.Outcome outcome;
        try {
            outcome = membership.register(mapper.readValue(cipher.decrypt(sealed), SignUpDtos.MemberRegistration.class), authorization);
        } catch (JsonProcessingException e) {
            outcome = new MembershipGateway.Refused("the stored registration is unreadable");
        } catch (RuntimeException e) {
            outcome = new MembershipGateway.Unavailable(e.getClass().getSimpleName());
        }
        MembershipGateway.Outcome settled = outcome;
        QuarkusTransaction.requiringNew().run(() -> settle(id, settled));
    }

    private String claim(UUID id) {
        OffsetDateTime now = now();
        int claimed = SignUp.update("deliveringUntil = ?1, attempts = attempts + 1, lastAttemptAt = ?2 where id = ?3"
                        + " and status = ?4 and (deliveringUntil is null or deliveringUntil < ?2)",
                now.plus(deliveryLease), now, id, SignUpStatus.PENDING);
        if (claimed == 0) {
            return null;
        }
        SignUp s = SignUp.findById(id);
        return s.registration;
    }

    private void settle(UUID id, MembershipGateway.Outcome outcome) {
        SignUp s = SignUp.findById(id);
        s.deliveringUntil = null;
        switch (outcome) {
            case MembershipGateway.Registered r -> done(s, SignUpStatus.REGISTERED, r.memberId(), null);
            case MembershipGateway.AlreadyMember a -> done(s, SignUpStatus.ALREADY_MEMBER, a.memberId(), null);
            case MembershipGateway.Refused f -> done(s, SignUpStatus.REJECTED, null, f.reason());
            case MembershipGateway.Unavailable u -> s.reason = truncate(u.reason());
        }
    }

    private static void done(SignUp s, SignUpStatus status, Long memberId, String reason) {
        s.status = status;
        s.memberId = memberId;
        s.reason = truncate(reason);
        s.registration = null;
    }

    /** Retries the pending sign-ups of the caller's scope with the caller's token; returns how many are still pending. */
    public long retryPending(Long orgId, String authorization) {
        String root = scopes.subtree(orgId);
        @SuppressWarnings("unchecked")
        List<UUID> pending = QuarkusTransaction.requiringNew().call(() -> SignUp.getEntityManager().createNativeQuery(
                        "select id from sign_up where status = 'PENDING' and org_path <@ cast(?1 as ltree) order by received_at limit ?2")
                .setParameter(1, root).setParameter(2, retryBatch).getResultList());
        pending.forEach(id -> deliver(id, authorization));
        return QuarkusTransaction.requiringNew().call(() -> ((Number) SignUp.getEntityManager().createNativeQuery(
                        "select count(*) from sign_up where status = 'PENDING' and org_path <@ cast(?1 as ltree)")
                .setParameter(1, root).getSingleResult()).longValue());
    }

    public SignUp get(UUID id) {
        SignUp s = SignUp.findById(id);
        if (s == null) {
            throw ApiException.notFound("sign-up", id);
        }
        scopes.requireCovers(s.orgPath);
        return s;
    }

    public Page<SignUp> ofEvent(long eventId, PageRequest page) {
        events.get(eventId);
        return NativePage.of(SignUp.getEntityManager(), "from sign_up where event_id = :event", "id", "received_at, id",
                Map.of("event", eventId), page, SignUp.class);
    }

    private String fingerprint(SignUpDtos.NewSignUp i, String staff) {
        return indexes.fingerprint(String.join("|", ResidentIdNumber.normalize(i.idNumber()), i.name().trim(), i.mobile().trim(),
                String.valueOf(i.employerCreditCode()), String.valueOf(i.employerName()), String.valueOf(i.occupation()),
                String.valueOf(i.occupationCategory()), i.employmentForm().name(), String.valueOf(i.orgId()), staff,
                i.signedUpAt().toInstant().toString()));
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the registration", e);
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }

    OffsetDateTime now() {
        return time.now();
    }

    /**
     * The union a worker signing up at a site joins by default: the nearest open joint union at or above the site's
     * org (the "reservoir" for workers whose employer has none), else the site's org itself.
     */
    static Optional<KnownOrg> defaultUnionFor(String sitePath) {
        @SuppressWarnings("unchecked")
        List<KnownOrg> found = KnownOrg.getEntityManager().createNativeQuery(
                        "select * from known_org where kind in ('JOINT_AREA', 'JOINT_INDUSTRY') and closed_at is null"
                                + " and path @> cast(?1 as ltree) order by nlevel(path) desc limit 1", KnownOrg.class)
                .setParameter(1, sitePath).getResultList();
        return found.stream().findFirst();
    }
}
