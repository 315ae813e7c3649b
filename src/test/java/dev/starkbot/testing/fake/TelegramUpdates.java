package dev.starkbot.testing.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.node.ObjectNode;

/**
 * A bot's update queue, with getUpdates' semantics: updates stay queued until a later call confirms them with an
 * offset above their id, so an update fetched but not confirmed before a crash comes again; one long poll at a time,
 * a newer one ending the older with 409; no polling while a webhook is set (409).
 */
final class TelegramUpdates {

    /** What getUpdates delivers when allowed_updates has never been given: all but these three. */
    private static final Set<String> OFF_BY_DEFAULT = Set.of("chat_member", "message_reaction",
            "message_reaction_count");

    /** getUpdates refused; the message is the Bot API description. */
    static final class Conflict extends Exception {
        Conflict(String description) {
            super(description);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<ObjectNode> queue = new ArrayList<>();
    private int lastUpdateId;
    private Set<String> allowed;
    private long pollGeneration;
    private int waitingPolls;
    private String webhookUrl;
    private String webhookSecret;
    private boolean closed;

    TelegramUpdates(int firstUpdateId) {
        this.lastUpdateId = firstUpdateId - 1;
    }

    /**
     * Queues an update of the given type ({@code message}, {@code callback_query}, …) unless allowed_updates
     * excludes it, as Telegram then never creates it.
     *
     * @return its update_id, or 0 when it was not queued
     */
    int add(String type, ObjectNode payload) {
        lock.lock();
        try {
            if (allowed != null ? !allowed.contains(type) : OFF_BY_DEFAULT.contains(type)) {
                return 0;
            }
            ObjectNode update = WireJson.object().put("update_id", ++lastUpdateId);
            update.set(type, payload);
            queue.add(update);
            changed.signalAll();
            return lastUpdateId;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Serves one getUpdates call: confirms updates below a positive offset (a negative one keeps only the last
     * {@code -offset}), then returns at most {@code limit} updates at once, or waits up to {@code timeout} for one.
     *
     * @param allowedUpdates the new allowed_updates setting, or null to keep the previous one
     * @param abandon        polled while waiting: when it turns true the call gives up (an outage)
     * @return the updates, or null when the server is closing or {@code abandon} turned true
     */
    List<ObjectNode> poll(long offset, int limit, Duration timeout, Set<String> allowedUpdates,
            BooleanSupplier abandon) throws Conflict, InterruptedException {
        lock.lock();
        try {
            if (webhookUrl != null) {
                throw new Conflict("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook "
                        + "to delete the webhook first");
            }
            if (allowedUpdates != null) {
                allowed = allowedUpdates.isEmpty() ? null : Set.copyOf(allowedUpdates);
            }
            confirm(offset);
            long ticket = ++pollGeneration;
            changed.signalAll(); // an older long poll still waiting now ends with 409
            long deadline = System.nanoTime() + timeout.toNanos();
            waitingPolls++;
            try {
                while (true) {
                    if (closed || abandon.getAsBoolean()) {
                        return null;
                    }
                    if (ticket != pollGeneration) {
                        throw new Conflict("Conflict: terminated by other getUpdates request; make sure that only one "
                                + "bot instance is running");
                    }
                    long left = deadline - System.nanoTime();
                    if (!queue.isEmpty() || left <= 0) {
                        return queue.subList(0, Math.min(limit, queue.size())).stream()
                                .map(ObjectNode::deepCopy).toList();
                    }
                    changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                }
            } finally {
                waitingPolls--;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void confirm(long offset) {
        if (offset > 0) {
            queue.removeIf(update -> update.get("update_id").asLong() < offset);
        } else if (offset < 0 && queue.size() > -offset) {
            queue.subList(0, queue.size() - (int) -offset).clear();
        }
    }

    /** Updates queued and not yet confirmed. */
    List<ObjectNode> pending() {
        lock.lock();
        try {
            return queue.stream().map(ObjectNode::deepCopy).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a getUpdates call is waiting for updates; fails after the timeout. */
    void awaitPoll(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (waitingPolls == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No getUpdates call waited within " + timeout);
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    void setWebhook(String url, String secretToken, boolean dropPending) {
        lock.lock();
        try {
            webhookUrl = url.isEmpty() ? null : url;
            webhookSecret = secretToken;
            if (dropPending) {
                queue.clear();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The getWebhookInfo result. */
    ObjectNode webhookInfo() {
        lock.lock();
        try {
            return WireJson.object().put("url", webhookUrl == null ? "" : webhookUrl)
                    .put("has_custom_certificate", false).put("pending_update_count", queue.size());
        } finally {
            lock.unlock();
        }
    }

    String webhookSecret() {
        lock.lock();
        try {
            return webhookSecret;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting poll so that it can see an outage begin or the server close. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
