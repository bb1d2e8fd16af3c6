package io.gucun.events.membership;

/** The platform and gig jobs the reform admits (新就业形态), for statistics and targeting; the free-text occupation says the rest. */
public enum OccupationCategory {
    COURIER,
    DOMESTIC_HELPER,
    CARE_WORKER,
    FOOD_DELIVERY,
    RIDE_HAILING_DRIVER,
    TRUCK_DRIVER,
    SHOP_ASSISTANT,
    ESTATE_AGENT,
    OTHER
}
