package dev.starkbot.settings.internal;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.RpcMethod;
import dev.starkbot.settings.SettingDefinition;
import dev.starkbot.user.Principal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * {@code /api/settings}: the schema for forms, the global settings (admins, per the permission matrix) and each
 * user's own. Secrets are write-only: reads say whether one is set and show its last 4 characters.
 */
@RestController
@RequestMapping("/api/settings")
class SettingsController {

    /** The submitted value may be a secret: it must never be printed. */
    record NewValue(@NotNull String value) {

        @Override
        public String toString() {
            return "NewValue[value=[REDACTED]]";
        }
    }

    private final DefaultSettingsService settings;

    SettingsController(DefaultSettingsService settings) {
        this.settings = settings;
    }

    @GetMapping("/schema")
    @RpcMethod(value = "settings.schema", description = "Every setting with its type and constraints")
    List<SettingDefinition> schema() {
        return settings.schema();
    }

    @GetMapping("/global")
    @RpcMethod(value = "settings.global.list", description = "The global settings")
    List<DefaultSettingsService.View> global() {
        return settings.views(true, null);
    }

    @PutMapping("/global/{key}")
    @RpcMethod(value = "settings.global.set", description = "Set a global setting")
    DefaultSettingsService.View setGlobal(@AuthenticationPrincipal Principal me, @PathVariable String key,
                                          @Valid @RequestBody NewValue body) {
        return settings.set(me, true, key, body.value());
    }

    @DeleteMapping("/global/{key}")
    @RpcMethod(value = "settings.global.reset", description = "Reset a global setting to its default")
    DefaultSettingsService.View resetGlobal(@AuthenticationPrincipal Principal me, @PathVariable String key) {
        return settings.reset(me, true, key);
    }

    @GetMapping("/user")
    @RpcMethod(value = "settings.user.list", description = "The caller's own settings")
    List<DefaultSettingsService.View> mine(@AuthenticationPrincipal Principal me) {
        return settings.views(false, me.userId());
    }

    @PutMapping("/user/{key}")
    @RpcMethod(value = "settings.user.set", description = "Set one of the caller's own settings")
    DefaultSettingsService.View setMine(@AuthenticationPrincipal Principal me, @PathVariable String key,
                                        @Valid @RequestBody NewValue body) {
        return settings.set(me, false, key, body.value());
    }

    @DeleteMapping("/user/{key}")
    @RpcMethod(value = "settings.user.reset", description = "Reset one of the caller's own settings")
    DefaultSettingsService.View resetMine(@AuthenticationPrincipal Principal me, @PathVariable String key) {
        return settings.reset(me, false, key);
    }
}
