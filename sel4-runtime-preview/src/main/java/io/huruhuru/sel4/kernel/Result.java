package io.huruhuru.sel4.kernel;

/** The outcome of a decode step: a typed invocation ready to perform, or the seL4 error that stops it. */
public sealed interface Result<T> {

    record Ok<T>(T value) implements Result<T> {
    }

    record Err<T>(SyscallError error) implements Result<T> {
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> err(SyscallError error) {
        return new Err<>(error);
    }
}
