package dev.starkbot.gateway.internal;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.starkbot.conversation.ChatEvent;
import dev.starkbot.job.JobChanged;
import dev.starkbot.schedule.ScheduleChanged;
import dev.starkbot.schedule.ScheduleFired;
import dev.starkbot.platform.PairingRequested;
import dev.starkbot.platform.PlatformStatusChanged;
import dev.starkbot.settings.SettingChanged;
import dev.starkbot.shared.ConfigurationReloaded;
import dev.starkbot.user.Role;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Turns what other modules announce into events for connected clients, each with the audience that may see it. */
@Component
class GatewayEvents {

    private final EventHub hub;
    private final JsonMapper json;

    GatewayEvents(EventHub hub, JsonMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @EventListener
    void on(SettingChanged changed) {
        ObjectNode data = json.createObjectNode().put("key", changed.key())
                .put("scope", changed.userId() == null ? "global" : "user");
        String owner = changed.userId();
        hub.publish(Topics.SETTINGS, "setting.changed", data, owner == null
                ? principal -> principal.role().includes(Role.ADMIN)
                : principal -> principal.userId().equals(owner));
    }

    /** A job's owner sees its progress; jobs of the system itself (no owner) are for admins. */
    @EventListener
    void on(JobChanged changed) {
        String owner = changed.job().ownerId();
        hub.publish(Topics.JOBS, "job." + changed.job().status().id(), json.valueToTree(changed.job()), owner == null
                ? principal -> principal.role().includes(Role.ADMIN)
                : principal -> principal.userId().equals(owner));
    }

    /** A chat platform connected, lost its connection, or is backing off: anyone signed in may see it. */
    @EventListener
    void on(PlatformStatusChanged changed) {
        hub.publish(Topics.PLATFORMS, "platform.status", json.valueToTree(changed.status()), principal -> true);
    }

    /** Someone unknown asked to talk to the bot: admins, who approve pairing codes, are told at once. */
    @EventListener
    void on(PairingRequested requested) {
        hub.publish(Topics.PLATFORMS, "platform.pairing_requested", json.valueToTree(requested),
                principal -> principal.role().includes(Role.ADMIN));
    }

    /** Chat events (a reply streaming in, a notice, a new title) for the conversation's owner only. */
    @EventListener
    void on(ChatEvent event) {
        hub.publishTo(Topics.CHAT, event.ownerId(), event.type().startsWith("conversation.") ? event.type()
                : "chat." + event.type(), event.data());
    }

    /** Schedules always have an owner, and only the owner hears of them. */
    @EventListener
    void on(ScheduleChanged changed) {
        String owner = changed.schedule().ownerId();
        hub.publish(Topics.SCHEDULES, "schedule." + changed.change().name().toLowerCase(Locale.ROOT),
                json.valueToTree(changed.schedule()), principal -> principal.userId().equals(owner));
    }

    @EventListener
    void on(ScheduleFired fired) {
        hub.publish(Topics.SCHEDULES, "schedule.fired", json.valueToTree(fired),
                principal -> principal.userId().equals(fired.ownerId()));
    }

    @EventListener
    void on(ConfigurationReloaded reloaded) {
        ObjectNode data = json.createObjectNode();
        data.putPOJO("applied", reloaded.applied());
        data.putPOJO("restartRequired", reloaded.restartRequired());
        hub.publish(Topics.SYSTEM, "config.reloaded", json.valueToTree(data), principal ->
                principal.role().includes(Role.ADMIN));
    }
}
