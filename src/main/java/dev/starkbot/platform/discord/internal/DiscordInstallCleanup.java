package dev.starkbot.platform.discord.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.starkbot.shared.Housekeeping;

/** Removes the states of install links nobody came back with; an expired state opens nothing, so nothing is lost. */
@Component
class DiscordInstallCleanup implements Housekeeping {

    private final DiscordInstallStateRepository states;

    DiscordInstallCleanup(DiscordInstallStateRepository states) {
        this.states = states;
    }

    @Override
    public String name() {
        return "expired Discord install link states";
    }

    @Override
    public int clean(Instant now) {
        return states.deleteExpired(now.toEpochMilli());
    }
}
