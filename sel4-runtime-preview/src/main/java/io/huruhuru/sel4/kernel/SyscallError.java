package io.huruhuru.sel4.kernel;

/**
 * An error a kernel invocation returns, one record per seL4_Error value (libsel4/include/sel4/errors.h),
 * carrying the fields the kernel fills in current_syscall_error.
 */
public sealed interface SyscallError {

    /** The seL4_Error enumerator name. */
    String code();

    /** The rule that failed, in words a platform engineer understands. */
    String detail();

    record InvalidArgument(int argumentNumber, String detail) implements SyscallError {
        public String code() {
            return "seL4_InvalidArgument";
        }
    }

    record InvalidCapability(int capNumber, String detail) implements SyscallError {
        public String code() {
            return "seL4_InvalidCapability";
        }
    }

    record IllegalOperation(String detail) implements SyscallError {
        public String code() {
            return "seL4_IllegalOperation";
        }
    }

    record RangeError(long min, long max, String detail) implements SyscallError {
        public String code() {
            return "seL4_RangeError";
        }
    }

    record AlignmentError(String detail) implements SyscallError {
        public String code() {
            return "seL4_AlignmentError";
        }
    }

    /** @param bitsLeft the lookup fault's bits left (lookup_fault_missing_capability / depth mismatch) */
    record FailedLookup(boolean wasSource, int bitsLeft, String detail) implements SyscallError {
        public String code() {
            return "seL4_FailedLookup";
        }
    }

    record TruncatedMessage(String detail) implements SyscallError {
        public String code() {
            return "seL4_TruncatedMessage";
        }
    }

    record DeleteFirst(String detail) implements SyscallError {
        public String code() {
            return "seL4_DeleteFirst";
        }
    }

    record RevokeFirst(String detail) implements SyscallError {
        public String code() {
            return "seL4_RevokeFirst";
        }
    }

    record NotEnoughMemory(long memoryLeft, String detail) implements SyscallError {
        public String code() {
            return "seL4_NotEnoughMemory";
        }
    }
}
