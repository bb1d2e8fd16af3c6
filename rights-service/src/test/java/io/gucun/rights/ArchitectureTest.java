package io.gucun.rights;

import io.gucun.common.architecture.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

    ArchitectureTest() {
        super("io.gucun.rights");
    }

    @Override
    protected String[] resourcesNotYetThin() {
        // PolicyResource keeps deadline policies and the calendar with Panache, ReportResource reads the org replica
        // and runs its report SQL; both belong in services.
        return new String[] {"PolicyResource", "ReportResource"};
    }
}
