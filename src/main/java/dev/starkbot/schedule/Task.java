package dev.starkbot.schedule;

import tools.jackson.databind.JsonNode;

/**
 * What a schedule does when it fires: the task type (a {@link dev.starkbot.schedule.spi.TaskAction}'s, such as
 * {@code http}) and its parameters, a JSON object that the action validates.
 */
public record Task(String type, JsonNode params) {
}
