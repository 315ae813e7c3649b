package dev.starkbot.platform.discord.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.platform.discord.internal.DiscordInstall.Callback;
import dev.starkbot.user.PermissionRule;

/**
 * Where Discord sends the owner's browser back after they picked a server: answers a page for a person, never a
 * problem document or a stack trace. Every parameter is optional here so that a malformed redirect still gets a page.
 */
@RestController
@ConditionalOnProperty(name = "starkbot.platforms.discord.enabled", havingValue = "true", matchIfMissing = true)
class DiscordOAuth2CallbackController {

    private final DiscordInstall install;

    DiscordOAuth2CallbackController(DiscordInstall install) {
        this.install = install;
    }

    @GetMapping("/oauth2/discord/callback")
    ResponseEntity<String> callback(@RequestParam(required = false) @Nullable String code,
                                    @RequestParam(required = false) @Nullable String state,
                                    @RequestParam(name = "guild_id", required = false) @Nullable String guildId,
                                    @RequestParam(required = false) @Nullable String permissions,
                                    @RequestParam(required = false) @Nullable String error) {
        return DiscordInstallPage.of(install.complete(new Callback(code, state, guildId, permissions, error)));
    }

    /**
     * A browser redirect carries no bearer token, so the matrix lets anyone in and the state does the checking.
     * Limited with the getting-in endpoints (per address, signed in or not): the owner comes once per server, and
     * nobody else has a reason to call it.
     */
    @Bean
    static PermissionRule discordCallbackRule() {
        return PermissionRule.auth("GET", "/oauth2/discord/callback");
    }
}
