package io.gucun.common.job;

import java.util.UUID;

/**
 * Another runner took the job over (this one's lease ran out while it worked): the step in hand is rolled back, so
 * the work is done once, by the runner that holds the job.
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(UUID job) {
        super("job " + job + " is held by another runner", null, false, false);
    }
}
