package dev.starkbot.testing.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Every request a fake received: all of them for assertions, and one at a time for tests that wait. */
final class RequestJournal {

    private final List<RecordedRequest> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();

    void add(RecordedRequest request) {
        all.add(request);
        untaken.add(request);
    }

    List<RecordedRequest> all() {
        return List.copyOf(all);
    }

    /** The oldest request not yet taken, waiting for it if need be; fails when none arrives in time. */
    RecordedRequest take(Duration timeout) throws InterruptedException {
        RecordedRequest request = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (request == null) {
            throw new AssertionError("No request arrived within " + timeout);
        }
        return request;
    }
}
