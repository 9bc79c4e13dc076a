package io.huruhuru.sel4.boot;

/** The kernel stopped during its own boot, before any root server ran (boot.c returned false). */
public final class KernelBootException extends RuntimeException {
    public KernelBootException(String message) {
        super(message);
    }
}
