package io.gucun.membership.member;

import io.gucun.common.api.NativePage;
import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import io.gucun.common.identity.CreditCode;
import io.gucun.common.identity.ResidentIdNumber;
import io.gucun.common.outbox.Outbox;
import io.gucun.common.pii.BlindIndexes;
import io.gucun.common.pii.PersonalDataCipher;
import io.gucun.common.problem.ApiException;
import io.gucun.common.security.CallerScope;
import io.gucun.common.time.BusinessTime;
import io.gucun.events.membership.EmploymentForm;
import io.gucun.events.membership.JoinVia;
import io.gucun.events.membership.MemberEvents;
import io.gucun.events.membership.OccupationCategory;
import io.gucun.membership.org.OrgService;
import io.gucun.membership.org.UnionOrg;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Real-name registration, look-up, audited identity reads, lists by org subtree and employment changes. */
@ApplicationScoped
public class MemberService {

    static final String ID_NUMBER_UNIQUE = "member_id_number_hash_uq";
    static final String ACCOUNT_UNIQUE = "member_account_subject_uq";

    @Inject
    PersonalDataCipher cipher;

    @Inject
    BlindIndexes indexes;

    @Inject
    Outbox outbox;

    @Inject
    CallerScope caller;

    @Inject
    MemberAccess access;

    @Inject
    JoiningService joining;

    @Inject
    OrgService orgs;

    @Inject
    EntityManager em;

    @Inject
    BusinessTime time;

    /**
     * Registers a person (and applies or admits them when an org is given) in one transaction. A second registration
     * of the same resident ID is a 409 (naming the existing member to a caller who may see it), also when two arrive at
     * once: the unique constraint on the keyed hash decides the race, and the loser gets the same answer as the
     * pre-check gives. While the ID-number key rotates, the pre-check also finds a row still hashed under the previous
     * key.
     */
    public MemberDtos.Registration register(MemberDtos.NewMember request) {
        List<String> hashes = indexes.idNumber().hashesInUse(ResidentIdNumber.of(request.idNumber()).value());
        try {
            return QuarkusTransaction.requiringNew().call(() -> registerInTransaction(request, hashes));
        } catch (RuntimeException e) {
            String constraint = Constraints.violated(e).orElse("");
            if (constraint.equalsIgnoreCase(ID_NUMBER_UNIQUE)) {
                throw QuarkusTransaction.requiringNew().call(() -> duplicate(idOfHash(hashes)));
            }
            if (constraint.equalsIgnoreCase(ACCOUNT_UNIQUE)) {
                throw accountAlreadyLinked(QuarkusTransaction.requiringNew().call(() -> subjectOwner()));
            }
            throw e;
        }
    }

    MemberDtos.Registration registerInTransaction(MemberDtos.NewMember request, List<String> hashes) {
        ResidentIdNumber idNumber = ResidentIdNumber.of(request.idNumber());
        MobileNumber mobile = MobileNumber.of(request.mobile());
        boolean officer = access.isOfficerOrAdmin();

        UnionOrg org = null;
        if (request.orgId() != null) {
            org = UnionOrg.findById(request.orgId());
            JoinRules.requireJoinable(org, request.orgId(), "orgId");
        }
        String subject = null;
        if (officer) {
            if (org == null && !caller.isAdmin()) {
                throw ApiException.invalid("orgId",
                        "is required when an officer registers a worker: the worker is admitted there on the spot");
            }
            if (org != null) {
                caller.requireCovers(org.path);
            }
        } else {
            subject = caller.subject().filter(s -> !s.isBlank()).orElseThrow(
                    () -> ApiException.forbidden("your token names no subject to link the registration to"));
            Long linked = subjectOwner();
            if (linked != null) {
                throw accountAlreadyLinked(linked);
            }
        }
        Long existing = idOfHash(hashes);
        if (existing != null) {
            throw duplicate(existing);
        }

        OffsetDateTime now = time.now();
        Member m = newMember(request, idNumber, mobile, hashes.getFirst(), caller.username(), now);
        m.accountSubject = subject;
        m.persist();
        em.flush();
        outbox.record(MemberEvents.AGGREGATE, m.id, "MemberRegistered", registered(m));

        MembershipApplication application = null;
        if (org != null) {
            if (officer) {
                joining.admit(m, org, JoinVia.ON_SITE, now);
            } else {
                application = joining.file(m, org, request.note());
            }
        }
        em.flush();
        return new MemberDtos.Registration(MemberDtos.MemberView.of(m),
                application == null ? null : MemberDtos.ApplicationView.of(application));
    }

    /**
     * The record of a validated registration, not yet persisted: personal data encrypted under the current key, blind
     * indexes ({@code idNumberHash} is the current-key hash the caller checked for duplicates) and masked forms. Shared
     * by single registration and roster registration, so both store a person the same way.
     */
    public Member newMember(MemberDtos.NewMember request, ResidentIdNumber idNumber, MobileNumber mobile,
                            String idNumberHash, String registeredBy, OffsetDateTime at) {
        Member m = new Member();
        m.idNumberCipher = cipher.encrypt(idNumber.value());
        m.idNumberHash = idNumberHash;
        m.idNumberHashVersion = indexes.idNumber().current().version();
        m.idNumberMasked = idNumber.masked();
        m.name = request.name().trim();
        m.mobileCipher = cipher.encrypt(mobile.e164());
        m.mobileHash = indexes.mobile().hash(mobile.e164());
        m.mobileHashVersion = indexes.mobile().current().version();
        m.mobileMasked = mobile.masked();
        m.birthYear = idNumber.birthDate().getYear();
        m.regionCode = idNumber.regionCode();
        applyEmployment(m, request.employerCreditCode(), request.employerName(), request.occupation(),
                request.occupationCategory(), request.employmentForm());
        m.status = MemberStatus.REGISTERED;
        m.registeredAt = at;
        m.registeredBy = registeredBy;
        return m;
    }

    /** The MemberRegistered payload of a member just stored. */
    public static MemberEvents.MemberRegistered registered(Member m) {
        return new MemberEvents.MemberRegistered(m.id, m.idNumberMasked, m.birthYear, m.regionCode, m.employmentForm,
                m.occupationCategory, m.idNumberHash, m.idNumberHashVersion);
    }

    private static void applyEmployment(Member m, String creditCode, String employerName, String occupation,
                                        OccupationCategory category, EmploymentForm form) {
        m.employerCreditCode = creditCode == null || creditCode.isBlank() ? null : CreditCode.normalize(creditCode);
        m.employerName = blankToNull(employerName);
        m.occupation = blankToNull(occupation);
        m.occupationCategory = category;
        m.employmentForm = form;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The member whose ID-number hash is one of {@code hashes} (the person's hash under each key version in use). */
    Long idOfHash(List<String> hashes) {
        return em.createQuery("select m.id from Member m where m.idNumberHash in :h", Long.class)
                .setParameter("h", hashes).getResultStream().findFirst().orElse(null);
    }

    private Long subjectOwner() {
        return caller.subject().map(s -> em.createQuery("select m.id from Member m where m.accountSubject = :s", Long.class)
                .setParameter("s", s).getResultStream().findFirst().orElse(null)).orElse(null);
    }

    /**
     * The 409 for a resident ID registered before. It names the existing member only to a caller who may see that
     * member (an admin, an officer whose subtree holds the member or an application or transfer of theirs): anyone else
     * (a worker registering herself, an officer of another subtree) would otherwise learn who is a member where, and
     * gets the same problem type without the id.
     */
    private ApiException duplicate(Long existing) {
        Member m = existing == null ? null : Member.findById(existing);
        return ApiException.conflict("duplicate-member",
                "a member with this resident ID number is already registered; one person is one member nationwide",
                m != null && access.canSee(m) ? Map.of("memberId", m.id) : Map.of());
    }

    private static ApiException accountAlreadyLinked(Long existing) {
        return ApiException.conflict("account-already-linked", "your login is already linked to a member",
                existing == null ? Map.of() : Map.of("memberId", existing));
    }

    public Member get(long id) {
        return access.visible(id);
    }

    /** Finds a member by resident ID number through the keyed hash; 404 when there is none the caller may see. */
    public Member lookup(String idNumber) {
        Long id = idOfHash(indexes.idNumber().hashesInUse(ResidentIdNumber.of(idNumber).value()));
        Member m = id == null ? null : Member.findById(id);
        if (m == null || !access.canSee(m)) {
            throw new ApiException(404, "not-found", "Not found", "no member with this resident ID number in your scope",
                    null, null);
        }
        return m;
    }

    /** The full identity data, for admins with a stated reason; the read and its audit row commit together. */
    @Transactional
    public MemberDtos.IdentityView revealIdentity(long id, String reason) {
        Member m = Member.findById(id);
        if (m == null) {
            throw ApiException.notFound("member", id);
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.invalid("reason", "is required: say why you need the full identity data");
        }
        if (reason.length() > 500) {
            throw ApiException.invalid("reason", "must be at most 500 characters");
        }
        IdentityAccess audit = new IdentityAccess();
        audit.memberId = m.id;
        audit.accessedBy = caller.username();
        audit.subject = caller.subject().orElse(null);
        audit.accessedAt = time.now();
        audit.reason = reason.trim();
        audit.fields = "ID_NUMBER,MOBILE";
        audit.persist();
        em.flush();
        return new MemberDtos.IdentityView(m.id, m.name, cipher.decrypt(m.idNumberCipher), cipher.decrypt(m.mobileCipher),
                audit.id);
    }

    public Page<MemberDtos.IdentityAccessView> identityAudit(Long memberId, PageRequest page) {
        String where = memberId == null ? "" : " where memberId = ?1";
        Object[] params = memberId == null ? new Object[0] : new Object[] {memberId};
        var query = IdentityAccess.find("from IdentityAccess" + where + " order by accessedAt desc, id desc", params);
        long total = query.count();
        List<IdentityAccess> items = query.page(page.page(), page.size()).list();
        return new Page<>(items.stream().map(MemberDtos.IdentityAccessView::of).toList(), page.page(), page.size(), total);
    }

    /** Members whose current (or, after leaving, last) org lies in the subtree of {@code orgId} or the caller's scope. */
    public Page<MemberDtos.MemberView> list(Long orgId, String status, PageRequest page) {
        MemberStatus wanted = parseStatus(status);
        String path;
        if (orgId != null) {
            path = orgs.get(orgId).path;
        } else if (caller.isAdmin()) {
            path = null;
        } else {
            path = caller.orgPath().orElseThrow(() -> ApiException.forbidden("your token names no organization scope"));
        }
        StringBuilder where = new StringBuilder(" from member m left join union_org o on o.id = m.org_id where true");
        Map<String, Object> params = new HashMap<>();
        if (path != null) {
            where.append(" and o.path <@ cast(:path as ltree)");
            params.put("path", path);
        }
        if (wanted != null) {
            where.append(" and m.status = :status");
            params.put("status", wanted.name());
        }
        return NativePage.of(em, where.toString(), "m.id", "m.id desc", params, page, Member.class).map(MemberDtos.MemberView::of);
    }

    static MemberStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return MemberStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be one of REGISTERED, ACTIVE, LEFT");
        }
    }

    /** A new job, retirement, unemployment: the record changes, the membership does not end. */
    @Transactional
    public Member changeEmployment(long id, MemberDtos.EmploymentChange change) {
        Member m = access.visibleForUpdate(id);
        access.requireManage(m);
        applyEmployment(m, change.employerCreditCode(), change.employerName(), change.occupation(),
                change.occupationCategory(), change.employmentForm());
        em.flush();
        return m;
    }

    /** Links a member record to the person's own login, so they can use {@code /me}. */
    @Transactional
    public Member linkAccount(long id, String subject) {
        Member m = access.visibleForUpdate(id);
        if (!caller.isAdmin() && !access.coversCurrentOrg(m)) {
            throw ApiException.forbidden("only an officer of the member's organization may link their login");
        }
        String s = subject.trim();
        if (s.equals(m.accountSubject)) {
            return m;
        }
        if (m.accountSubject != null) {
            throw ApiException.conflict("account-already-linked", "this member is already linked to another login", null);
        }
        Long owner = em.createQuery("select m.id from Member m where m.accountSubject = :s", Long.class)
                .setParameter("s", s).getResultStream().findFirst().orElse(null);
        if (owner != null) {
            throw ApiException.conflict("account-already-linked", "this login is already linked to another member", null);
        }
        m.accountSubject = s;
        em.flush();
        return m;
    }
}
