package dev.starkbot.schedule.internal;

import java.util.Map;

import dev.starkbot.schedule.ScheduleDraft;
import dev.starkbot.schedule.Task;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Header values of {@code http} tasks (an {@code Authorization} token, say) are write-only, as secret settings are:
 * views show {@link #HIDDEN} in their place, so that a read-only API key or an event stream never carries a
 * third-party credential, and a replacement that sends {@link #HIDDEN} back keeps the stored value.
 */
final class TaskSecrets {

    static final String HIDDEN = "********";

    private TaskSecrets() {
    }

    static JsonNode hide(String type, JsonNode params) {
        if (!type.equals("http") || !params.path("headers").isObject() || !(params instanceof ObjectNode object)) {
            return params;
        }
        ObjectNode copy = object.deepCopy();
        ObjectNode headers = (ObjectNode) copy.get("headers");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            header.setValue(headers.stringNode(HIDDEN));
        }
        return copy;
    }

    /** The draft with every {@link #HIDDEN} header value replaced by the one stored under the same name. */
    static ScheduleDraft keep(ScheduleDraft draft, String storedType, JsonNode stored) {
        JsonNode params = draft.task().params();
        if (!draft.task().type().equals("http") || !storedType.equals("http")
                || !params.path("headers").isObject() || !(params instanceof ObjectNode object)) {
            return draft;
        }
        ObjectNode copy = object.deepCopy();
        ObjectNode headers = (ObjectNode) copy.get("headers");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            JsonNode before = stored.path("headers").path(header.getKey());
            if (header.getValue().isString() && header.getValue().asString().equals(HIDDEN) && before.isString()) {
                header.setValue(before);
            }
        }
        return new ScheduleDraft(draft.name(), draft.trigger(), new Task(draft.task().type(), copy),
                draft.missedRuns(), draft.maxAttempts(), draft.enabled());
    }
}
