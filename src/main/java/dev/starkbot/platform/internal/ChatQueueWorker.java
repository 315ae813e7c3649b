package dev.starkbot.platform.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A loop over a queue of chats' work, the inbox's or the outbox's: each pass takes the first ready item of each chat
 * it can claim and handles it on a virtual thread of its own, so chats go on in parallel while each chat's items go
 * one at a time, in order. It sleeps until woken (an item was written, a handling ended) or {@link #idleMillis()}.
 */
abstract class ChatQueueWorker<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChatQueueWorker.class);

    private final String name;
    private final Semaphore wake;
    private final Set<String> busyChats = ConcurrentHashMap.newKeySet();
    /** Made at each start: a stopped context (Spring pauses cached test contexts) may be started again. */
    private volatile ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile @Nullable Thread loop;
    /** Set before the loop's thread starts: the thread must not see itself stopped and end at once. */
    private volatile boolean running;

    /** @param wake released by whoever writes new work */
    ChatQueueWorker(String name, Semaphore wake) {
        this.name = name;
        this.wake = wake;
    }

    /** Starts a pass now: new work was written (call after its transaction committed). */
    void wake() {
        wake.release();
    }

    /** The candidates of one pass: the first unfinished item of each chat, oldest first. */
    abstract List<T> ready();

    abstract String chatKey(T item);

    /** Takes an item for this instance; false when another instance (or an earlier pass) has it. */
    abstract boolean claim(T item);

    abstract void handle(T item);

    /** The longest sleep between two passes when nobody wakes the loop. */
    long idleMillis() {
        return 1000;
    }

    @Override
    public void start() {
        workers = Executors.newVirtualThreadPerTaskExecutor();
        running = true;
        loop = Thread.ofVirtual().name(name).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        loop = null;
        if (thread != null) {
            thread.interrupt();
        }
        workers.shutdown();
        try {
            // work in progress keeps its lease until it runs out; a restart takes it up then
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                for (T item : ready()) {
                    String chat = chatKey(item);
                    if (!busyChats.contains(chat) && claim(item)) {
                        busyChats.add(chat);
                        workers.execute(() -> {
                            try {
                                handle(item);
                            } finally {
                                busyChats.remove(chat);
                                wake.release();
                            }
                        });
                    }
                }
                wake.tryAcquire(idleMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("The {} queue could not be read; trying again", name, e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
