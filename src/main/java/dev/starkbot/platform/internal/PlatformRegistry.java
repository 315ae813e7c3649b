package dev.starkbot.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.starkbot.command.CommandService;
import dev.starkbot.platform.IncomingMessage;
import dev.starkbot.platform.PlatformStatus;
import dev.starkbot.platform.PlatformsProperties;
import dev.starkbot.platform.PlatformStatusChanged;
import dev.starkbot.platform.spi.DeliveryException;
import dev.starkbot.platform.spi.Platform;
import dev.starkbot.platform.spi.PlatformContext;
import dev.starkbot.platform.spi.SlashCommands;
import dev.starkbot.shared.StarkBotProperties;
import dev.starkbot.user.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The enabled platforms: starts each before the inbox and outbox workers and stops them after, and keeps each one's connection status for the API, events and metrics.
 */
@Component
class PlatformRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlatformRegistry.class);

    private final Map<String, Platform> platforms = new LinkedHashMap<>();
    private final Map<String, PlatformStatus> statuses = new ConcurrentHashMap<>();
    private final Inbox inbox;
    private final CommandService commands;
    private final ApplicationEventPublisher events;
    private final Path dataDir;
    private final Clock clock;
    private final Duration keepDelivered;
    private volatile boolean running;

    PlatformRegistry(List<Platform> adapters, Inbox inbox, CommandService commands, ApplicationEventPublisher events,
                     StarkBotProperties starkbot, PlatformsProperties properties, MeterRegistry meters, Clock clock) {
        for (Platform platform : adapters) {
            platforms.put(platform.name(), platform);
            statuses.put(platform.name(), new PlatformStatus(platform.name(), PlatformStatus.State.STOPPED, null, 0,
                    null, clock.instant()));
            Gauge.builder("starkbot.platform.connected", () -> state(platform.name()) ? 1 : 0)
                    .description("1 while the platform is connected, else 0").tag("platform", platform.name())
                    .register(meters);
            Gauge.builder("starkbot.platform.reconnects", () -> statuses.get(platform.name()).reconnects())
                    .description("Connections lost and made again since start").tag("platform", platform.name())
                    .register(meters);
        }
        this.inbox = inbox;
        this.commands = commands;
        this.events = events;
        this.dataDir = starkbot.dataDir().toAbsolutePath().normalize();
        this.clock = clock;
        this.keepDelivered = properties.keepDelivered();
    }

    private boolean state(String platform) {
        return statuses.get(platform).state() == PlatformStatus.State.CONNECTED;
    }

    Optional<Platform> find(String name) {
        return Optional.ofNullable(platforms.get(name));
    }

    /** Every enabled platform, running or not. */
    java.util.Set<String> names() {
        return platforms.keySet();
    }

    /**
     * The platforms this instance runs: only their messages are answered and sent here. One stopped (no token) or
     * failed for good here leaves its messages to an instance where it works.
     */
    java.util.Set<String> running() {
        if (!running) {
            return java.util.Set.of();
        }
        return platforms.keySet().stream().filter(name -> {
            PlatformStatus.State state = statuses.get(name).state();
            return state != PlatformStatus.State.STOPPED && state != PlatformStatus.State.FAILED;
        }).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    List<PlatformStatus> statuses() {
        return platforms.keySet().stream().map(statuses::get).toList();
    }

    @Override
    public void start() {
        running = true;
        for (Platform platform : platforms.values()) {
            if (platform instanceof SlashCommands menu) {
                try {
                    menu.setCommands(commands.available(Role.USER));
                } catch (DeliveryException e) {
                    log.warn("Could not set {}'s command menu: {}", platform.name(), e.getMessage());
                }
            }
            platform.start(new Context(platform.name()));
        }
    }

    @Override
    public void stop() {
        running = false;
        platforms.values().forEach(platform -> {
            try {
                platform.stop();
            } catch (RuntimeException e) {
                log.warn("Stopping {} failed", platform.name(), e);
            }
            report(platform.name(), PlatformStatus.State.STOPPED, null, false);
        });
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Before the inbox and outbox workers (a lower phase starts first and stops last): platforms connect first, and
     * the workers stop before the platforms, so that no send finds its platform gone.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private void report(String platform, PlatformStatus.State state, @Nullable String detail, boolean event) {
        PlatformStatus previous = statuses.get(platform);
        // connected again after having been connected once (lastEventAt is set by the first connection)
        boolean reconnected = state == PlatformStatus.State.CONNECTED
                && previous.state() != PlatformStatus.State.CONNECTED && previous.lastEventAt() != null;
        PlatformStatus next = new PlatformStatus(platform, state,
                event ? clock.instant() : previous.lastEventAt(),
                previous.reconnects() + (reconnected ? 1 : 0), detail,
                state == previous.state() ? previous.since() : clock.instant());
        statuses.put(platform, next);
        if (state != previous.state() || !java.util.Objects.equals(detail, previous.detail())) {
            log.info("{} is {}{}", platform, state.name().toLowerCase(java.util.Locale.ROOT),
                    detail == null ? "" : ": " + detail);
            events.publishEvent(new PlatformStatusChanged(next));
        }
    }

    private final class Context implements PlatformContext {

        private final String platform;
        private final Path files;

        Context(String platform) {
            this.platform = platform;
            this.files = dataDir.resolve("files").resolve(platform);
        }

        @Override
        public void receive(IncomingMessage message) {
            inbox.receive(message);
            report(platform, statuses.get(platform).state(), statuses.get(platform).detail(), true);
        }

        @Override
        public List<IncomingMessage> latestPerChat(String account, int maxChats) {
            return inbox.latestPerChat(platform, account, clock.millis() - keepDelivered.toMillis(), maxChats);
        }

        @Override
        public void status(PlatformStatus.State state, @Nullable String detail) {
            report(platform, state, detail, state == PlatformStatus.State.CONNECTED);
        }

        @Override
        public Path files() {
            try {
                return Files.createDirectories(files);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Only files under {@code <data-dir>/files}, followed through links: the data directory also holds the
         * database and the master key, which no attachment may name.
         */
        @Override
        public Path file(String path) {
            Path root = dataDir.resolve("files");
            Path resolved = dataDir.resolve(path).normalize();
            try {
                if (resolved.startsWith(root) && Files.exists(resolved)
                        && resolved.toRealPath().startsWith(root.toRealPath())) {
                    return resolved;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalArgumentException("An attachment is a file under the data directory's files folder");
        }
    }
}
