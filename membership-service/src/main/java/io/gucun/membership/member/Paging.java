package io.gucun.membership.member;

import io.gucun.common.api.Page;
import io.gucun.common.api.PageRequest;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Pages over a native {@code from ... where ...} (for ltree conditions), loading the entities of the page by id. */
final class Paging {

    private Paging() {
    }

    static <T> Page<T> page(EntityManager em, String fromWhere, String idColumn, Map<String, Object> params, PageRequest page,
                            Class<T> entity) {
        var count = em.createNativeQuery("select count(*)" + fromWhere);
        var ids = em.createNativeQuery("select " + idColumn + fromWhere + " order by " + idColumn + " desc");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            ids.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Number> raw = ids.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        List<Long> idList = raw.stream().map(Number::longValue).toList();
        if (idList.isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), total);
        }
        List<T> loaded = em.createQuery("from " + entity.getSimpleName() + " e where e.id in :ids", entity)
                .setParameter("ids", idList).getResultList();
        Map<Object, T> byId = loaded.stream().collect(Collectors.toMap(
                e -> em.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(e), Function.identity()));
        return new Page<>(idList.stream().map(byId::get).toList(), page.page(), page.size(), total);
    }
}
