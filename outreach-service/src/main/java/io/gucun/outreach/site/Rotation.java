package io.gucun.outreach.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross rotation (交叉轮换) of staff across sites: each site in the given order passes its owner on to the next site,
 * the last one's owner goes to the first, so every owner moves on and every site keeps exactly one owner.
 */
public final class Rotation {

    private Rotation() {
    }

    /** New owner per site id, in the given order; every site must have an owner and at least two are needed. */
    public static Map<Long, String> next(List<Long> siteIds, Map<Long, String> currentOwners) {
        if (siteIds.size() < 2) {
            throw new IllegalArgumentException("a rotation needs at least two sites");
        }
        if (siteIds.stream().distinct().count() != siteIds.size()) {
            throw new IllegalArgumentException("a site appears twice in the rotation");
        }
        List<String> owners = new ArrayList<>();
        for (Long id : siteIds) {
            String owner = currentOwners.get(id);
            if (owner == null) {
                throw new IllegalArgumentException("site " + id + " has no owner to rotate");
            }
            owners.add(owner);
        }
        Map<Long, String> next = new LinkedHashMap<>();
        for (int i = 0; i < siteIds.size(); i++) {
            next.put(siteIds.get(i), owners.get((i - 1 + owners.size()) % owners.size()));
        }
        return next;
    }
}
