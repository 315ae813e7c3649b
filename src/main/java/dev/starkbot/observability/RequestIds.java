package dev.starkbot.observability;

import java.util.Map;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The request id of the work in progress, and how to carry it into other threads. The id lives in the logging MDC
 * under {@link #MDC_KEY}; Spring's task executors copy it by themselves, work started by hand uses {@link #wrap}.
 */
public final class RequestIds {

    /** The MDC key, which is also the field name in JSON log lines. */
    public static final String MDC_KEY = "requestId";
    /** The HTTP header that carries the id in and out. */
    public static final String HEADER = "X-Request-Id";

    private RequestIds() {
    }

    public static @Nullable String current() {
        return MDC.get(MDC_KEY);
    }

    /** Binds the caller's logging context (request id included) to a task that will run on another thread. */
    public static Runnable wrap(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            restore(context);
            try {
                task.run();
            } finally {
                restore(previous);
            }
        };
    }

    public static <T> Callable<T> wrap(Callable<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            restore(context);
            try {
                return task.call();
            } finally {
                restore(previous);
            }
        };
    }

    private static void restore(@Nullable Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
