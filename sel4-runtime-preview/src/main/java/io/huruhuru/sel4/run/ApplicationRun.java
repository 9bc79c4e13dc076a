package io.huruhuru.sel4.run;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.boot.BootInfo;
import io.huruhuru.sel4.boot.KernelBoot;
import io.huruhuru.sel4.boot.KernelBootException;
import io.huruhuru.sel4.boot.Platform;
import io.huruhuru.sel4.boot.RootServerImage;
import io.huruhuru.sel4.cpu.Cpu;
import io.huruhuru.sel4.cpu.InstructionClass;
import io.huruhuru.sel4.cpu.Stop;
import io.huruhuru.sel4.cspace.Capability;
import io.huruhuru.sel4.cspace.Rights;
import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.kernel.Architecture;
import io.huruhuru.sel4.kernel.Kernel;
import io.huruhuru.sel4.report.BootReport;
import io.huruhuru.sel4.report.Hex;
import io.huruhuru.sel4.report.RunReport;
import io.huruhuru.sel4.rootserver.ApplicationLoader;
import io.huruhuru.sel4.rootserver.RootServer;
import io.huruhuru.sel4.rootserver.SystemBoot;
import io.huruhuru.sel4.run.posix.PosixRuntime;
import io.huruhuru.sel4.tcb.Tcb;
import io.huruhuru.sel4.vspace.VSpace;
import io.huruhuru.sel4.vspace.VSpaceInvocations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Boots one native application and runs its code: the root server copies the PT_LOAD segments into the frames
 * it mapped, writes the initial stack, and its POSIX runtime serves the thread's system calls until it exits,
 * faults, or spends its instruction budget.
 */
public final class ApplicationRun {

    /** The budget a run gets when none is given: a billion instructions, about a second of the virtual clock. */
    public static final long DEFAULT_BUDGET = 1_000_000_000L;
    /** Seed of the runtime's generator (AT_RANDOM, getrandom): runs are deterministic byte for byte. */
    static final long SEED = 0x6875727568757275L;

    private ApplicationRun() {
    }

    /** Boots the application on the platform, runs it, and returns the boot report with the run. */
    public static BootReport bootAndRun(Platform platform, ApplicationDescription app, ProgramFile program,
                                        RootFilesystem fs, long budget) {
        if (budget <= 0) {
            throw new IllegalArgumentException("the instruction budget must be positive, got " + budget);
        }
        if (!program.elf().equals(app.elf())) {
            throw new IllegalArgumentException("the program file is not the ELF image application " + app.name()
                    + " describes");
        }
        BootInfo bootInfo;
        try {
            bootInfo = KernelBoot.emulateKernelBoot(platform, RootServerImage.DEFAULT);
        } catch (KernelBootException e) {
            return SystemBoot.kernelBootFailed(platform, e, null)
                    .withRun(RunReport.notRun(app.name(), "the kernel did not boot", budget));
        }
        RootServer rs = RootServer.start(bootInfo);
        long freeBefore = rs.freeBytes();
        ApplicationLoader.Outcome outcome = rs.boot(app);
        RunReport run;
        if (!outcome.booted()) {
            run = RunReport.notRun(app.name(), "the application did not boot", budget);
        } else if (platform.kernel().architecture() != Architecture.AARCH64) {
            run = RunReport.notRun(app.name(), "the model executes A64 code only; this platform is "
                    + platform.kernel().architecture().id(), budget);
        } else if (app.microVm().isPresent()) {
            run = RunReport.notRun(app.name(), "a microVM's guest is not executed", budget);
        } else {
            run = run(rs, app, program, fs, budget);
        }
        return SystemBoot.report(platform, rs, freeBefore, List.of(outcome), null, null).withRun(run);
    }

    private static RunReport run(RootServer rs, ApplicationDescription app, ProgramFile program, RootFilesystem fs,
                                 long budget) {
        Kernel kernel = rs.kernel();
        RootServer.StartedApplication started = rs.started(app.name()).orElseThrow();
        Tcb tcb = null;
        Slot vspaceSlot = null;
        Map<Long, Slot> frames = new HashMap<>();
        for (Slot s : kernel.caps().occupied(started.cnode())) {
            Capability cap = kernel.caps().get(s);
            if (cap instanceof Capability.TcbCap t) {
                tcb = kernel.tcb(t.paddr()).orElseThrow();
            } else if (cap instanceof Capability.VSpaceCap) {
                vspaceSlot = s;
            } else if (cap instanceof Capability.FrameCap f && f.mapping().isPresent()) {
                frames.put(f.mapping().get().vaddr(), s);
            }
        }
        VSpace vspace = kernel.vspace(tcb.vspaceRoot().orElseThrow()).orElseThrow();
        ApplicationMemory memory = new ApplicationMemory(vspace, kernel.memory(), kernel.config().vspace().userLimit(),
                kernel.config().hypervisor());
        long bias = started.layout().loadBias();
        long copied = 0;
        for (Segment s : program.elf().segments()) {
            if (s.filesz() > 0) {
                memory.rootServerWrite(s.vaddr() + bias, program.bytes(), (int) s.fileOffset(), (int) s.filesz());
                copied += s.filesz();
            }
        }
        rs.log().step(app.name(), "image", "CopySegments").vaddr(Hex.of(bias))
                .detail(copied + " bytes of " + program.elf().segments().size()
                        + " PT_LOAD segments into their frames; the rest of each segment stays zero").record("ok");
        Slot vspaceCap = vspaceSlot;
        PosixRuntime runtime = new PosixRuntime(memory, fs, started.layout().heapStart(), app.heapPages(),
                (long) app.stackPages() * 4096, app.name(), SEED, new RootServerFrames(kernel, frames, vspaceCap, vspace));
        List<String> args = app.args();
        String execfn = args.isEmpty() ? "" : args.get(0);
        long entry = program.elf().entry() + bias;
        StartupStack.write(memory, started.stack(), args, app.env(), execfn, program.phdrVaddr() + bias,
                program.phent(), program.phnum(), entry, runtime.randomBytes(16));
        Cpu cpu = new Cpu(memory);
        memory.whenCodeWritten(cpu::codeWritten);
        cpu.pc = tcb.pc();
        cpu.sp = tcb.sp();
        return execute(app.name(), cpu, runtime, memory, budget);
    }

    private static RunReport execute(String name, Cpu cpu, PosixRuntime runtime, ApplicationMemory memory,
                                     long budget) {
        String result;
        String detail = null;
        Integer status = null;
        RunReport.Fault fault = null;
        while (true) {
            Stop stop = cpu.run(budget - cpu.instructions());
            if (stop instanceof Stop.SupervisorCall) {
                PosixRuntime.Ending ending = runtime.serve(cpu);
                if (ending == null) {
                    if (cpu.instructions() >= budget) {
                        result = RunReport.BUDGET_EXHAUSTED;
                        break;
                    }
                    continue;
                }
                if (ending instanceof PosixRuntime.Ending.Exited e) {
                    result = RunReport.EXITED;
                    status = e.status();
                } else if (ending instanceof PosixRuntime.Ending.Refused r) {
                    result = RunReport.REFUSED;
                    detail = r.call() + ": the runtime serves one thread";
                } else {
                    result = RunReport.BLOCKED;
                    detail = ((PosixRuntime.Ending.Blocked) ending).call()
                            + " wait on a word only another thread could change";
                }
                break;
            } else if (stop instanceof Stop.VmFault f) {
                result = RunReport.FAULTED;
                Integer bits = instructionBits(memory, f.ip());
                fault = new RunReport.Fault("vmFault", Hex.of(f.ip()), Hex.of(f.address()),
                        f.instructionFault() ? "instruction" : "data", Hex.of(f.fsr()),
                        bits == null ? null : String.format("0x%08x", bits),
                        bits == null ? null : InstructionClass.of(bits));
                break;
            } else if (stop instanceof Stop.UndefinedInstruction u) {
                result = RunReport.FAULTED;
                fault = new RunReport.Fault("userException", Hex.of(u.ip()), null, null, null,
                        String.format("0x%08x", u.bits()), InstructionClass.of(u.bits()));
                break;
            } else {
                result = RunReport.BUDGET_EXHAUSTED;
                break;
            }
        }
        return new RunReport(name, result, detail, status, fault, cpu.instructions(), budget, runtime.consoleText(),
                runtime.consoleBytes(), runtime.consoleTruncated(), runtime.calls(),
                new ArrayList<>(runtime.unsupported()),
                new RunReport.HeapUse(runtime.heapPages(), runtime.peakHeapPages()));
    }

    private static Integer instructionBits(ApplicationMemory memory, long ip) {
        byte[] b = memory.rootServerRead(ip, 4);
        if (b == null) {
            return null;
        }
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
