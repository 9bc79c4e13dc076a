package io.huruhuru.validation.budget;

import io.huruhuru.sel4.app.ByteSize;
import io.huruhuru.sel4.app.ElfHeaders;
import io.huruhuru.sel4.app.MemoryDemand;
import io.huruhuru.validation.RuleId;
import io.huruhuru.validation.Violation;
import io.huruhuru.validation.koskit.AppSpec;
import io.huruhuru.validation.koskit.KoskitKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Compares what an image asks for with the limits of the policy rule that covers its repository. */
public final class BudgetChecker {

    private BudgetChecker() {
    }

    /**
     * What the image asks of the root server, counted by the model's own {@link MemoryDemand} (missing values count
     * as zero), so that the budget on push and a boot preview agree byte for byte.
     */
    public static MemoryDemand demand(AppSpec spec, Optional<ElfHeaders> elf, long stackPages) {
        return MemoryDemand.of(spec.heapPages().orElse(0), spec.utLargePage().orElse(0), spec.ut4kPages().orElse(0),
                elf.map(ElfHeaders::loadSegments).orElse(List.of()), stackPages, 0);
    }

    /**
     * @param architecture the image config's OCI architecture
     */
    public static List<Violation> check(AppSpec spec, String architecture, MemoryDemand totals, PolicyRule rule) {
        List<Violation> out = new ArrayList<>();
        Limits limits = rule.limits();
        if (rule.platform().isPresent() && !rule.platform().get().architecture().equals(architecture)) {
            TargetPlatform platform = rule.platform().get();
            out.add(RuleId.BUDGET_PLATFORM.violation("architecture", "the image is built for " + architecture
                    + " but the policy's platform " + platform.name() + " is " + platform.architecture(),
                    platform.architecture(), architecture));
        }
        limit(out, RuleId.BUDGET_HEAP_PAGES, KoskitKey.HEAP_PAGES, spec.heapPages(), limits.heapPages(), "pages");
        limit(out, RuleId.BUDGET_UT_LARGE_PAGE, KoskitKey.UT_LARGE_PAGE, spec.utLargePage(), limits.utLargePage(),
                "2 MiB untypeds");
        limit(out, RuleId.BUDGET_UT_4K_PAGES, KoskitKey.UT_4K_PAGES, spec.ut4kPages(), limits.ut4kPages(),
                "4 KiB untypeds");
        limit(out, RuleId.BUDGET_PRIORITY, KoskitKey.PRIORITY, toLong(spec.priority()), limits.priority(), "");
        limit(out, RuleId.BUDGET_MAX_PRIORITY, KoskitKey.MAX_PRIORITY, toLong(spec.maxPriority()),
                limits.maxPriority(), "");
        if (limits.memoryBytes().isPresent() && totals.totalBytes() > limits.memoryBytes().getAsLong()) {
            out.add(RuleId.BUDGET_MEMORY.violation("memory", "the image needs " + ByteSize.text(totals.totalBytes())
                    + " (" + totals.breakdown() + ") but " + rule.platform().map(p -> "platform " + p.name())
                            .orElse("the policy") + " allows " + ByteSize.text(limits.memoryBytes().getAsLong()),
                    "at most " + limits.memoryBytes().getAsLong() + " bytes",
                    totals.totalBytes() + " bytes"));
        }
        if (limits.protocols().isPresent() && spec.publishes().isPresent()) {
            List<String> allowed = limits.protocols().get();
            for (String protocol : spec.publishes().get()) {
                if (!allowed.contains(protocol)) {
                    out.add(RuleId.BUDGET_PROTOCOL.violation(KoskitKey.PUBLISHES.label(), "the protocol " + protocol
                            + " is not allowed by the policy", "one of " + String.join(", ", allowed), protocol));
                }
            }
        }
        return out;
    }

    private static void limit(List<Violation> out, RuleId rule, KoskitKey key, OptionalLong value, OptionalLong limit,
            String unit) {
        if (value.isPresent() && limit.isPresent() && value.getAsLong() > limit.getAsLong()) {
            String suffix = unit.isEmpty() ? "" : " " + unit;
            out.add(rule.violation(key.label(), key.specKey().orElse(key.label()) + " " + value.getAsLong()
                    + " is above the policy's limit of " + limit.getAsLong() + suffix, "at most " + limit.getAsLong(),
                    Long.toString(value.getAsLong())));
        }
    }

    private static OptionalLong toLong(java.util.OptionalInt v) {
        return v.isPresent() ? OptionalLong.of(v.getAsInt()) : OptionalLong.empty();
    }
}
