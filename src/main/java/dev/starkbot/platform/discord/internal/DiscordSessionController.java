package dev.starkbot.platform.discord.internal;

import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * JDA's own session controller (it spaces IDENTIFYs five seconds apart, as Discord requires; resumes do not pass
 * through it), with the Gateway's address taken from the configuration instead of Discord's default, so that a proxy
 * or a test's fake Gateway can stand in.
 */
final class DiscordSessionController extends ConcurrentSessionController {

    private final String gateway;

    DiscordSessionController(String gateway) {
        this.gateway = gateway;
    }

    @Override
    public String getGateway() {
        return gateway;
    }
}
