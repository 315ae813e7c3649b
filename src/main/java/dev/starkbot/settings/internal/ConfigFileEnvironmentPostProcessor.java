package dev.starkbot.settings.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Adds {@code config.toml} to the configuration: the file named by {@code --config} (or {@code STARKBOT_CONFIG}),
 * else {@code config.toml} in the data directory when it exists. It ranks below environment variables and
 * command-line arguments and above the built-in defaults, so an environment variable always overrides the file.
 */
class ConfigFileEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE = "starkbotConfigFile";
    /** Where the file was looked for, for the watcher; set even when it does not exist yet. */
    static final String PATH_PROPERTY = "starkbot.internal.config-file";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String named = environment.getProperty("config", environment.getProperty("starkbot.config"));
        Path file = named != null ? Path.of(named)
                : Path.of(environment.getProperty("starkbot.data-dir", "./data")).resolve("config.toml");
        MutablePropertySources sources = environment.getPropertySources();
        sources.addLast(new MapPropertySource("starkbotConfigFileLocation",
                Map.of(PATH_PROPERTY, file.toAbsolutePath().toString())));
        if (!Files.exists(file)) {
            if (named != null) {
                throw new IllegalStateException("The configuration file " + file + " (from --config) does not exist");
            }
            return;
        }
        try {
            install(sources, ConfigFile.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration file " + file, e);
        }
    }

    static void install(MutablePropertySources sources, Map<String, Object> values) {
        MapPropertySource source = new MapPropertySource(SOURCE, values);
        if (sources.contains(SOURCE)) {
            sources.replace(SOURCE, source);
        } else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }
}
