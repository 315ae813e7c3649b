package dev.starkbot.platform.discord.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.platform.discord.internal.DiscordInstall.InstallLink;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;

/** The install link that adds the bot to a Discord server. Admins only (the permission matrix). */
@RestController
@ConditionalOnProperty(name = "starkbot.platforms.discord.enabled", havingValue = "true", matchIfMissing = true)
class DiscordInstallController {

    private final DiscordInstall install;

    DiscordInstallController(DiscordInstall install) {
        this.install = install;
    }

    @GetMapping("/api/platforms/discord/install")
    @RpcMethod(value = "platforms.discord.install", description = "A link that adds the Discord bot to a server")
    InstallLink link(@AuthenticationPrincipal Principal me) {
        return install.link(me);
    }
}
