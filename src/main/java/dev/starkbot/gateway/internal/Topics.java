package dev.starkbot.gateway.internal;

import java.util.Set;

/**
 * The topics a client may subscribe to. Each event still goes only to principals its audience admits: on
 * {@code settings}, a user sees changes of their own settings and admins see global ones; {@code system} (such as
 * a reload of config.toml) is for admins; on {@code jobs}, a job's owner sees it, admins see the system's own; on
 * {@code chat}, a conversation's owner sees its replies stream, tool calls, notices and title changes; on
 * {@code schedules}, a schedule's owner sees its changes and fires. Platforms join as that module lands.
 */
final class Topics {

    static final String SETTINGS = "settings";
    static final String SYSTEM = "system";
    static final String JOBS = "jobs";
    static final String CHAT = "chat";
    static final String SCHEDULES = "schedules";
    static final String PLATFORMS = "platforms";
    static final Set<String> ALL = Set.of(SETTINGS, SYSTEM, JOBS, CHAT, SCHEDULES, PLATFORMS);
    /** Topics with a sequence and resume window per user (see EventHub). */
    static final Set<String> PERSONAL = Set.of(CHAT);

    private Topics() {
    }

    /** For the HTTP door, where a bad topic is a 422 problem rather than a JSON-RPC error. */
    static String checkForHttp(String topic) {
        if (!ALL.contains(topic)) {
            throw new UnknownTopicException(topic, ALL);
        }
        return topic;
    }

    static String check(String topic) {
        if (!ALL.contains(topic)) {
            throw new RpcFailure(RpcError.invalidParams("unknown topic '" + topic + "'; topics are " + ALL));
        }
        return topic;
    }
}
