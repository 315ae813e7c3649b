package dev.starkbot.schedule.internal;

import org.springframework.stereotype.Component;

import dev.starkbot.crypto.SecretCipher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tasks' parameters are stored sealed, because they may hold credentials (an HTTP task's Authorization header).
 * Each value is bound to its schedule, so that it cannot be moved to another row.
 */
@Component
class SealedTaskParams {

    /** Associated data of a sealed value, followed by the schedule's id. */
    static final String PREFIX = "schedules:";

    private final SecretCipher cipher;
    private final JsonMapper json;

    SealedTaskParams(SecretCipher cipher, JsonMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    String seal(String scheduleId, JsonNode params) {
        return cipher.seal(json.writeValueAsString(params), PREFIX + scheduleId);
    }

    JsonNode open(ScheduleRow row) {
        return json.readTree(cipher.open(row.sealedParams(), PREFIX + row.id()));
    }
}
