package io.gucun.dues.job;

/** The work of one kind of job, resumable: it carries on from the last step the job committed. */
public interface JobWork {

    DuesJob.Kind kind();

    /**
     * Does the job's remaining work, at most {@code maxSteps} steps (tests stop early to stage a crash), each step
     * committed with the job's progress; finishing marks the job SUCCEEDED through {@link JobRunner#succeed}. Runs as
     * the submitter, outside any transaction.
     */
    void resume(DuesJob job, long maxSteps);
}
