package io.huruhuru.sel4.system;

import java.util.Locale;
import java.util.Optional;

/**
 * A Linux capability a compose service may add (capabilities(7), without the CAP_ prefix), and what it can mean on
 * seL4, where authority is capabilities to kernel objects: only two of them allow any device or IRQ capability.
 */
public enum LinuxCapability {
    AUDIT_CONTROL, AUDIT_READ, AUDIT_WRITE, BLOCK_SUSPEND, BPF, CHECKPOINT_RESTORE, CHOWN, DAC_OVERRIDE,
    DAC_READ_SEARCH, FOWNER, FSETID, IPC_LOCK, IPC_OWNER, KILL, LEASE, LINUX_IMMUTABLE, MAC_ADMIN, MAC_OVERRIDE,
    MKNOD, NET_ADMIN, NET_BIND_SERVICE, NET_BROADCAST, NET_RAW, PERFMON, SETFCAP, SETGID, SETPCAP, SETUID,
    SYS_ADMIN, SYS_BOOT, SYS_CHROOT,
    /** Loading kernel code; on seL4 drivers are user level, so this is what lets a service take interrupts. */
    SYS_MODULE,
    SYS_NICE, SYS_PACCT, SYS_PTRACE,
    /** Raw I/O ({@code /dev/mem}, ioperm); on seL4 the frames of every device of the platform. */
    SYS_RAWIO,
    SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, SYSLOG, WAKE_ALARM,
    /** Docker's {@code cap_add: ALL}: every capability. */
    ALL;

    /** Parses "SYS_RAWIO" or "CAP_SYS_RAWIO", in any case. */
    public static Optional<LinuxCapability> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("CAP_")) {
            t = t.substring(4);
        }
        for (LinuxCapability c : values()) {
            if (c.name().equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
