package io.huruhuru.server.log;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Carries a request's id into the application log lines written for it, as the SLF4J MDC field {@value #MDC_KEY}
 * (a field of every JSON line, under {@code mdc}): kept in the request's own Vert.x context, which every callback of
 * the request runs on, and put into the MDC of the thread that runs the request's handlers or the work it hands to
 * another thread, then taken out again, so that no id outlives its work on a pooled thread.
 */
public final class RequestLogContext {

    /** The MDC field that holds the request id. */
    public static final String MDC_KEY = "requestId";
    private static final String LOCAL_KEY = "huruhuru.log.requestId";

    private RequestLogContext() {
    }

    /**
     * Notes {@code requestId} as the id of the request whose context runs now. Only a duplicated context is a
     * request's own (Vert.x gives each HTTP request one); the event loop's shared context is left alone, or the id
     * would stick to later requests.
     */
    public static void enter(String requestId) {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            internal.putLocal(LOCAL_KEY, requestId);
        }
    }

    /** The id of the request whose context runs now, or of the work this thread runs for one; else null. */
    public static String current() {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            Object id = internal.getLocal(LOCAL_KEY);
            if (id != null) {
                return id.toString();
            }
        }
        return MDC.get(MDC_KEY);
    }

    /** {@code task}, run with the id of the current request (if any) in the MDC of whichever thread runs it. */
    public static <T> Callable<T> carried(Callable<T> task) {
        String id = current();
        if (id == null) {
            return task;
        }
        return () -> {
            String outer = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, id);
            try {
                return task.call();
            } finally {
                restore(outer);
            }
        };
    }

    /** {@code task}, run as {@link #carried(Callable)} does. */
    public static <T> Supplier<T> carriedSupplier(Supplier<T> task) {
        Callable<T> callable = carried(task::get);
        return () -> {
            try {
                return callable.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Runs {@code step} with {@code requestId} in this thread's MDC, as the event loop runs a request's handlers. */
    public static void within(String requestId, Runnable step) {
        String outer = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, requestId);
        try {
            step.run();
        } finally {
            restore(outer);
        }
    }

    private static void restore(String outer) {
        if (outer == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, outer);
        }
    }
}
