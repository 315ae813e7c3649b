package dev.starkbot.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.starkbot.testing.fake.LoopbackHttpServer;

/**
 * Where the benchmark's HTTP tasks call: a loopback server in the harness that notes the wall-clock time (epoch
 * milliseconds, the clock StarkBot's fire times are on) at which each {@code /fire/<n>} arrives, every arrival kept
 * so that a fire run twice shows.
 */
final class ScheduleSink implements AutoCloseable {

    private final Map<Integer, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger strays = new AtomicInteger();
    private final LoopbackHttpServer server;

    ScheduleSink() {
        server = LoopbackHttpServer.start("schedule-sink", (request, exchange) -> {
            long now = System.currentTimeMillis();
            String path = request.path();
            if (path.startsWith("/fire/")) {
                int n = Integer.parseInt(path.substring("/fire/".length()));
                arrivals.computeIfAbsent(n, key -> new CopyOnWriteArrayList<>()).add(now);
                total.incrementAndGet();
            } else {
                strays.incrementAndGet();
            }
            exchange.respond(200, Map.of("Content-Type", "text/plain"), "ok");
        });
    }

    String url(int n) {
        return server.baseUrl() + "/fire/" + n;
    }

    /** Epoch milliseconds of each arrival of {@code /fire/<n>}, in order; empty if none came. */
    List<Long> arrivals(int n) {
        return arrivals.getOrDefault(n, List.of());
    }

    int total() {
        return total.get();
    }

    /** Requests to any other path: none are expected. */
    int strays() {
        return strays.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
