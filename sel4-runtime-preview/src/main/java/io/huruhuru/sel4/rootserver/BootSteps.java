package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.kernel.Result;
import io.huruhuru.sel4.kernel.SyscallError;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.StepLog;
import java.util.Optional;

/** Records an application's steps and turns the first failing one into the error that stops its boot. */
final class BootSteps {

    /** A step failed: the boot of this application stops and what it got so far is released. */
    static final class StepFailed extends Exception {
        private final transient BootReport.ErrorInfo info;

        StepFailed(BootReport.ErrorInfo info) {
            super(info.detail(), null, false, false);
            this.info = info;
        }

        BootReport.ErrorInfo info() {
            return info;
        }
    }

    private final String application;
    private final StepLog log;

    BootSteps(String application, StepLog log) {
        this.application = application;
        this.log = log;
    }

    StepLog.Builder step(String phase, String action) {
        return log.step(application, phase, action);
    }

    /** Records the step as ok, or as failed with the kernel's error, which then stops the boot. */
    void check(StepLog.Builder b, Optional<SyscallError> error) throws StepFailed {
        if (error.isPresent()) {
            b.detail(error.get().detail());
            b.record("failed");
            throw new StepFailed(new BootReport.ErrorInfo(error.get().code(), application, log.last().index(),
                    StepLog.describe(log.last()), explain(error.get())));
        }
        b.record("ok");
    }

    /** Stops the boot on an error result; the failing step is the last one recorded. */
    void failOnError(Result<?> r) throws StepFailed {
        if (r instanceof Result.Err<?> err) {
            throw new StepFailed(new BootReport.ErrorInfo(err.error().code(), application, log.last().index(),
                    StepLog.describe(log.last()), explain(err.error())));
        }
    }

    /** Records a failed step for a root server or VMM rule (code is the rule's name) and stops the boot. */
    void ruleFailed(String code, String phase, String action, String detail) throws StepFailed {
        log.step(application, phase, action).detail(detail).record("failed");
        ruleFailedAt(code, log.last(), detail);
    }

    void ruleFailedAt(String code, BootReport.Step step, String detail) throws StepFailed {
        throw new StepFailed(new BootReport.ErrorInfo(code, application, step.index(), StepLog.describe(step), detail));
    }

    BootReport.Step last() {
        return log.last();
    }

    /** The rule in words, followed by the fields the kernel returns with the error. */
    static String explain(SyscallError e) {
        if (e instanceof SyscallError.RangeError r) {
            return e.detail() + " (allowed range " + r.min() + " to " + r.max() + ")";
        }
        if (e instanceof SyscallError.NotEnoughMemory m) {
            return e.detail() + " (memoryLeft " + m.memoryLeft() + ")";
        }
        if (e instanceof SyscallError.InvalidArgument a) {
            return e.detail() + " (argument " + a.argumentNumber() + ")";
        }
        return e.detail();
    }
}
