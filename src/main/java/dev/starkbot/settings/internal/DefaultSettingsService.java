package dev.starkbot.settings.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.starkbot.audit.AuditLog;
import dev.starkbot.crypto.SecretCipher;
import dev.starkbot.settings.SettingChanged;
import dev.starkbot.settings.SettingDefinition;
import dev.starkbot.settings.SettingType;
import dev.starkbot.settings.SettingsException;
import dev.starkbot.settings.SettingsService;
import dev.starkbot.user.Principal;
import dev.starkbot.user.UserService;

/**
 * Reads and writes settings. A secret is sealed before it reaches the repository and opened only for the module
 * that uses it, never for the API; the audit log records which setting changed, never the value.
 */
@Service
class DefaultSettingsService implements SettingsService {

    /** How the API shows a setting: {@code value} for plain ones, {@code set} and {@code hint} for secrets. */
    record View(String key, SettingType type, @Nullable String value, boolean isDefault, @Nullable Boolean set,
                @Nullable String hint) {
    }

    private final Map<String, SettingDefinition> definitions;
    private final SettingsRepository repository;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final UserService users;
    private final Clock clock;

    DefaultSettingsService(ObjectProvider<SettingDefinition> definitions, SettingsRepository repository,
                           SecretCipher cipher, ApplicationEventPublisher events, AuditLog audit, UserService users,
                           Clock clock) {
        this.definitions = definitions.orderedStream()
                .collect(Collectors.toMap(SettingDefinition::key, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Setting declared twice: " + a.key());
                }, LinkedHashMap::new));
        this.repository = repository;
        this.cipher = cipher;
        this.events = events;
        this.audit = audit;
        this.users = users;
        this.clock = clock;
    }

    List<SettingDefinition> schema() {
        return List.copyOf(definitions.values());
    }

    @Override
    public Optional<String> global(String key) {
        return read(SettingsRepository.GLOBAL, definition(key, true));
    }

    @Override
    public Optional<String> forUser(String userId, String key) {
        SettingDefinition definition = definition(key, false);
        if (Preferences.covers(key)) {
            return users.preferences(userId).flatMap(p -> Preferences.read(p, key));
        }
        return read(userId, definition);
    }

    List<View> views(boolean global, @Nullable String userId) {
        String owner = global ? SettingsRepository.GLOBAL : userId;
        Map<String, SettingsRepository.Row> stored = repository.all(owner).stream()
                .collect(Collectors.toMap(SettingsRepository.Row::key, Function.identity()));
        return definitions.values().stream().filter(d -> d.global() == global)
                .map(d -> !global && Preferences.covers(d.key()) ? preferenceView(d, userId)
                        : view(d, stored.get(d.key())))
                .toList();
    }

    View set(Principal actor, boolean global, String key, String raw) {
        SettingDefinition definition = definition(key, global);
        String value = SettingValues.normalise(definition, raw);
        if (!global && Preferences.covers(key)) {
            return setPreference(actor, definition, value);
        }
        String owner = global ? SettingsRepository.GLOBAL : actor.userId();
        String id = SettingsRepository.id(owner, key);
        boolean secret = definition.type() == SettingType.SECRET;
        boolean existed = repository.find(owner, key).isPresent();
        SettingsRepository.Row row = new SettingsRepository.Row(id, owner, key, secret ? null : value,
                secret ? cipher.seal(value, "settings:" + id) : null, secret ? SettingValues.hint(value) : null,
                clock.millis(), actor.userId());
        repository.save(row);
        changed(actor, global, key, secret ? (existed ? "secret replaced" : "secret set") : "set");
        return view(definition, row);
    }

    View reset(Principal actor, boolean global, String key) {
        SettingDefinition definition = definition(key, global);
        if (!global && Preferences.covers(key)) {
            return setPreference(actor, definition, definition.defaultValue());
        }
        String owner = global ? SettingsRepository.GLOBAL : actor.userId();
        if (repository.delete(owner, key)) {
            changed(actor, global, key, "reset to default");
        }
        return view(definition, null);
    }

    private View setPreference(Principal actor, SettingDefinition definition, @Nullable String value) {
        dev.starkbot.user.Preferences current = users.preferences(actor.userId())
                .orElseThrow(() -> SettingsException.unknown(definition.key()));
        users.updatePreferences(actor, Preferences.with(current, definition.key(), value));
        changed(actor, false, definition.key(), value == null ? "reset to default" : "set");
        return preferenceView(definition, actor.userId());
    }

    private View preferenceView(SettingDefinition definition, @Nullable String userId) {
        String value = userId == null ? null : users.preferences(userId)
                .flatMap(p -> Preferences.read(p, definition.key())).orElse(null);
        return new View(definition.key(), definition.type(), value, Objects.equals(value, definition.defaultValue()),
                null, null);
    }

    private void changed(Principal actor, boolean global, String key, String what) {
        audit.record(global ? "setting.changed" : "preference.changed", actor.userId(), actor.username(), key, what);
        events.publishEvent(new SettingChanged(key, global ? null : actor.userId(), actor.userId()));
    }

    private Optional<String> read(String owner, SettingDefinition definition) {
        Optional<SettingsRepository.Row> row = repository.find(owner, definition.key());
        if (row.isEmpty()) {
            return Optional.ofNullable(definition.defaultValue());
        }
        if (row.get().sealed() != null) {
            return Optional.of(cipher.open(row.get().sealed(), "settings:" + row.get().id()));
        }
        return Optional.ofNullable(row.get().value());
    }

    private View view(SettingDefinition definition, SettingsRepository.@Nullable Row row) {
        if (definition.type() == SettingType.SECRET) {
            return new View(definition.key(), definition.type(), null, row == null, row != null,
                    row == null ? null : row.hint());
        }
        return new View(definition.key(), definition.type(), row == null ? definition.defaultValue() : row.value(),
                row == null, null, null);
    }

    private SettingDefinition definition(String key, boolean global) {
        SettingDefinition definition = definitions.get(key);
        if (definition == null || definition.global() != global) {
            throw SettingsException.unknown(key);
        }
        return definition;
    }
}
