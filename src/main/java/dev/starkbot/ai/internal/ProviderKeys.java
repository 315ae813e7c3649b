package dev.starkbot.ai.internal;

import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiProperties;
import dev.starkbot.settings.SettingsService;
import dev.starkbot.shared.Secret;

/**
 * Where a provider's key and address come from, first found wins: StarkBot's own property (config.toml or
 * {@code STARKBOT_AI_...}), the vendor's conventional variable, then the runtime setting an admin saved in the
 * dashboard. Read on every call, so a key saved in the settings takes effect without a restart.
 */
@Component
class ProviderKeys {

    private final Environment environment;
    private final SettingsService settings;

    ProviderKeys(Environment environment, SettingsService settings) {
        this.environment = environment;
        this.settings = settings;
    }

    Optional<String> key(String provider, AiProperties.Provider properties) {
        Secret configured = properties.apiKey();
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured.reveal());
        }
        String conventional = environment.getProperty(provider.toUpperCase(java.util.Locale.ROOT) + "_API_KEY");
        if (conventional != null && !conventional.isBlank()) {
            return Optional.of(conventional);
        }
        return settings.global("ai." + provider + ".api-key").filter(value -> !value.isBlank());
    }

    /** The configured base URL, else {@code OPENAI_BASE_URL} for OpenAI, else empty for the vendor's own. */
    Optional<String> baseUrl(String provider, AiProperties.Provider properties) {
        if (!properties.baseUrl().isBlank()) {
            return Optional.of(properties.baseUrl());
        }
        if (provider.equals("openai")) {
            return Optional.ofNullable(environment.getProperty("OPENAI_BASE_URL")).filter(url -> !url.isBlank());
        }
        return Optional.empty();
    }
}
