package io.huruhuru.sel4.report;

import java.util.ArrayList;
import java.util.List;

/** The root server's steps in the order it took them, numbered from 0 across every application. */
public final class StepLog {

    private final List<BootReport.Step> steps = new ArrayList<>();

    /** A step in the making: fill in what applies, then record it with its outcome. */
    public final class Builder {
        private final String application;
        private final String phase;
        private final String action;
        private String objectType;
        private Integer sizeBits;
        private Integer count;
        private String paddr;
        private String untyped;
        private String slot;
        private String vaddr;
        private String detail;

        private Builder(String application, String phase, String action) {
            this.application = application;
            this.phase = phase;
            this.action = action;
        }

        public Builder object(String type, int bits, int n) {
            this.objectType = type;
            this.sizeBits = bits;
            this.count = n;
            return this;
        }

        public Builder count(int n) {
            this.count = n;
            return this;
        }

        public Builder paddr(long p) {
            this.paddr = Hex.of(p);
            return this;
        }

        public Builder untyped(long p) {
            this.untyped = Hex.of(p);
            return this;
        }

        public Builder slot(String s) {
            this.slot = s;
            return this;
        }

        public Builder vaddr(String v) {
            this.vaddr = v;
            return this;
        }

        public Builder detail(String d) {
            this.detail = d;
            return this;
        }

        /** Records the step and returns its index. */
        public int record(String outcome) {
            int index = steps.size();
            steps.add(new BootReport.Step(index, application, phase, action, objectType, sizeBits, count, paddr, untyped,
                    slot, vaddr, detail, outcome));
            return index;
        }

        public String describe() {
            return phase + ": " + action + (objectType == null ? "" : " " + objectType + (count == null ? "" : " x " + count));
        }
    }

    public Builder step(String application, String phase, String action) {
        return new Builder(application, phase, action);
    }

    /** The most recently recorded step. */
    public BootReport.Step last() {
        return steps.get(steps.size() - 1);
    }

    /** How a step is named in an error: phase, action and object type. */
    public static String describe(BootReport.Step s) {
        return s.phase() + ": " + s.action() + (s.objectType() == null ? "" : " " + s.objectType());
    }

    public List<BootReport.Step> steps() {
        return List.copyOf(steps);
    }
}
