package io.huruhuru.validation.rootfs;

/** An image's root filesystem cannot be served to a run: its files exceed the bound or a layer fails them. */
public final class RootfsNotLoadedException extends Exception {

    public RootfsNotLoadedException(String reason) {
        super(reason);
    }
}
