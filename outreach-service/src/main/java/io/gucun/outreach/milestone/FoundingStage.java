package io.gucun.outreach.milestone;

/**
 * 三同时 (Harbin): a firm's stages of life, each with the union step it calls for, so the union is founded in step with
 * the firm rather than years after it.
 */
public enum FoundingStage {
    REGISTERED("sign a founding agreement (建会承诺书) with the firm"),
    CONSTRUCTION("set up a union preparatory group (工会筹备组)"),
    OPERATING("found a working union (成立工会)");

    private final String unionStep;

    FoundingStage(String unionStep) {
        this.unionStep = unionStep;
    }

    public String unionStep() {
        return unionStep;
    }
}
