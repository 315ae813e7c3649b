package dev.starkbot.settings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

import dev.starkbot.shared.ConfigurationReloaded;
import dev.starkbot.shared.LiveProperties;

/**
 * Watches {@code config.toml} and applies edits while StarkBot runs. An edit is first parsed and bound to every
 * configuration record with its validation, against a copy of the environment; only an edit that passes replaces
 * the configuration in force. So a typo is reported in the log and changes nothing: the last good configuration
 * stays. Of a good edit, what a {@link LiveProperties} bean or the log levels cover applies at once; the rest is
 * reported as waiting for a restart.
 *
 * <p>Polling (by default every 2 s) rather than a file-system watch: editors replace files in ways (rename, new
 * inode) that inotify reports unreliably, and a stat every two seconds costs nothing.
 */
@Component
class ConfigFileWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<LiveProperties<?>> live;
    private final ObjectProvider<jakarta.validation.Validator> validator;
    private final Path file;
    private final Duration interval;
    private volatile @Nullable Thread thread;
    private @Nullable String lastSeen;

    ConfigFileWatcher(ConfigurableEnvironment environment, ApplicationContext context,
                      ApplicationEventPublisher events, ObjectProvider<LiveProperties<?>> live,
                      ObjectProvider<jakarta.validation.Validator> validator) {
        this.environment = environment;
        this.context = context;
        this.events = events;
        this.live = live;
        this.validator = validator;
        this.file = Path.of(environment.getProperty(ConfigFileEnvironmentPostProcessor.PATH_PROPERTY,
                "./data/config.toml"));
        this.interval = environment.getProperty("starkbot.config-watch-interval", Duration.class,
                Duration.ofSeconds(2));
        this.lastSeen = fingerprint();
    }

    /** What the reload did, for tests and the log. */
    record Outcome(boolean accepted, Set<String> applied, Set<String> restartRequired, @Nullable String problem) {
    }

    @Override
    public void start() {
        thread = Thread.ofVirtual().name("config-watcher").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(interval);
                    String now = fingerprint();
                    if (!Objects.equals(now, lastSeen)) {
                        lastSeen = now;
                        reload();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.error("Reloading {} failed; the configuration in force is unchanged", file, e);
                }
            }
        });
    }

    @Override
    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    synchronized Outcome reload() {
        Map<String, Object> next;
        try {
            next = Files.exists(file) ? ConfigFile.read(file) : Map.of();
        } catch (IOException | IllegalArgumentException e) {
            return rejected(e.getMessage());
        }
        MutablePropertySources candidate = new MutablePropertySources(environment.getPropertySources());
        ConfigFileEnvironmentPostProcessor.install(candidate, next);
        List<String> problems = validate(candidate);
        if (!problems.isEmpty()) {
            return rejected(String.join("; ", problems));
        }
        Map<String, Object> previous = current();
        Set<String> changed = new TreeSet<>();
        for (String key : union(previous, next)) {
            if (!Objects.equals(previous.get(key), next.get(key))) {
                changed.add(key);
            }
        }
        ConfigFileEnvironmentPostProcessor.install(environment.getPropertySources(), next);
        Set<String> applied = new TreeSet<>();
        Set<String> restart = new TreeSet<>();
        Set<String> overridden = new TreeSet<>();
        for (String key : changed) {
            Object fromFile = next.get(key);
            if (fromFile != null && !fromFile.toString().equals(environment.getProperty(key))) {
                // An environment variable or argument outranks the file: the edit has no effect on this key.
                overridden.add(key);
            } else if (key.startsWith("logging.level.")) {
                applyLogLevel(key);
                applied.add(key);
            } else if (live.orderedStream().anyMatch(p -> key.startsWith(p.prefix() + "."))) {
                applied.add(key);
            } else if (!key.startsWith("starkbot.internal.")) {
                restart.add(key);
            }
        }
        live.orderedStream().filter(p -> changed.stream().anyMatch(k -> k.startsWith(p.prefix() + ".")))
                .forEach(LiveProperties::rebind);
        log.info("Applied the edit of {}: in force now {}; after a restart {}", file, applied, restart);
        if (!overridden.isEmpty()) {
            log.warn("These keys edited in {} are overridden by environment variables or arguments, which win: {}",
                    file, overridden);
        }
        events.publishEvent(new ConfigurationReloaded(applied, restart));
        return new Outcome(true, applied, restart, null);
    }

    private Outcome rejected(@Nullable String problem) {
        log.error("{} was edited but the edit is not valid, so the last good configuration stays in force: {}",
                file, problem);
        return new Outcome(false, Set.of(), Set.of(), problem);
    }

    /** Binds every configuration record, with its constraints, against the candidate configuration. */
    private List<String> validate(MutablePropertySources candidate) {
        Binder binder = new Binder(ConfigurationPropertySources.from(candidate),
                new PropertySourcesPlaceholdersResolver(candidate), ApplicationConversionService.getSharedInstance());
        jakarta.validation.Validator jsr = validator.getIfAvailable();
        List<String> problems = new ArrayList<>();
        for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(context).values()) {
            String prefix = bean.getAnnotation().prefix().isEmpty() ? bean.getAnnotation().value()
                    : bean.getAnnotation().prefix();
            try {
                // A fresh instance, never the live bean: Spring's own JavaBean-style records would otherwise be
                // changed by a candidate that is then rejected.
                Bindable<?> target = Bindable.of(bean.asBindTarget().getType());
                if (jsr != null) {
                    binder.bindOrCreate(prefix, target, new ValidationBindHandler(new SpringValidatorAdapter(jsr)));
                } else {
                    binder.bindOrCreate(prefix, target);
                }
            } catch (BindException e) {
                problems.add(describe(e));
            }
        }
        return problems;
    }

    private static String describe(BindException e) {
        Throwable cause = e.getCause();
        if (cause instanceof BindValidationException invalid) {
            String base = invalid.getValidationErrors().getName().toString();
            return invalid.getValidationErrors().getAllErrors().stream()
                    .map(error -> (error instanceof FieldError field ? base + "." + field.getField() : base) + " "
                            + error.getDefaultMessage())
                    .collect(Collectors.joining("; "));
        }
        String why = cause == null ? e.getMessage() : cause.getMessage();
        String name = e.getProperty() != null ? e.getProperty().getName().toString() : e.getName().toString();
        return name + ": " + (why == null ? "invalid" : why.lines().findFirst().orElse(why));
    }

    private void applyLogLevel(String key) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String logger = key.substring("logging.level.".length());
        String level = environment.getProperty(key);
        logging.setLogLevel(logger.equals("root") ? LoggingSystem.ROOT_LOGGER_NAME : logger,
                level == null ? null : LogLevel.valueOf(level.strip().toUpperCase(Locale.ROOT)));
    }

    private Map<String, Object> current() {
        PropertySource<?> source = environment.getPropertySources().get(ConfigFileEnvironmentPostProcessor.SOURCE);
        return source instanceof MapPropertySource map ? new HashMap<>(map.getSource()) : Map.of();
    }

    private static Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private @Nullable String fingerprint() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file) + ":"
                    + Integer.toHexString(Files.readString(file).hashCode()) : null;
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
