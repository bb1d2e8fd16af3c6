package io.gucun.common.api;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pages over a native {@code from ... where ...} (conditions JPQL cannot say, such as ltree paths): counts, takes the
 * ids of the page in the given order, then loads the page's entities by id in that order.
 */
public final class NativePage {

    private NativePage() {
    }

    public static <T> Page<T> of(EntityManager em, String fromWhere, String idColumn, String orderBy,
                                 Map<String, Object> params, PageRequest page, Class<T> entity) {
        var count = em.createNativeQuery("select count(*) " + fromWhere);
        var ids = em.createNativeQuery("select " + idColumn + " " + fromWhere + " order by " + orderBy);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object> raw = ids.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        if (raw.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), total);
        }
        List<T> loaded = em.createQuery("from " + entity.getSimpleName() + " e where e.id in :ids", entity)
                .setParameter("ids", raw.stream().map(NativePage::key).toList()).getResultList();
        Map<Object, T> byId = loaded.stream().collect(Collectors.toMap(
                e -> em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(e), Function.identity()));
        return new Page<>(raw.stream().map(k -> byId.get(key(k))).toList(), page.page(), page.size(), total);
    }

    private static Object key(Object raw) {
        return raw instanceof Number n && !(raw instanceof Long) ? n.longValue() : raw;
    }
}
