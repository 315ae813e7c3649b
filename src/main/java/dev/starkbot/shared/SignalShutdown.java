package dev.starkbot.shared;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Turns SIGTERM and SIGINT into an orderly shutdown that exits with status 0.
 *
 * <p>Left to itself the JVM runs Spring's shutdown hook on SIGTERM (so in-flight requests still finish) but then
 * exits with 143, which service managers report as a failure. Handling the signals ourselves lets the graceful
 * shutdown run to its end and then exit 0. Further signals during the shutdown are ignored rather than cutting it
 * short: launchers such as {@code mvn spring-boot:run} relay the signal their process group already delivered, and
 * the shutdown is bounded anyway ({@code spring.lifecycle.timeout-per-shutdown-phase}); SIGKILL remains for
 * anyone who cannot wait.
 *
 * <p>{@code sun.misc.Signal} is reached by reflection only because javac flags it as proprietary API and the build
 * fails on warnings; it lives in {@code jdk.unsupported}, which the JDK keeps exported for exactly this use.
 */
public final class SignalShutdown {

    private static final Logger log = LoggerFactory.getLogger(SignalShutdown.class);

    private SignalShutdown() {
    }

    public static void install(ConfigurableApplicationContext context) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                handle(name, () -> {
                    if (!stopping.compareAndSet(false, true)) {
                        log.info("Received SIG{} again; still shutting down", name);
                        return;
                    }
                    log.info("Received SIG{}, shutting down gracefully", name);
                    // Off the signal dispatcher thread, so that a second signal can still be delivered.
                    Thread.ofPlatform().name("starkbot-shutdown").start(
                            () -> System.exit(SpringApplication.exit(context)));
                });
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.warn("Cannot handle SIG{} ({}); the JVM default applies", name, e.toString());
            }
        }
    }

    private static void handle(String name, Runnable action) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        Object handler = Proxy.newProxyInstance(SignalShutdown.class.getClassLoader(), new Class<?>[] {handlerClass},
                (proxy, method, args) -> {
                    if (method.getName().equals("handle")) {
                        action.run();
                        return null;
                    }
                    return switch (method.getName()) {
                        case "toString" -> "StarkBotSignalHandler";
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
        signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    }
}
