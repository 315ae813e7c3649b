package dev.starkbot.shared;

/**
 * One field of a request that breaks a rule, named by its path in the request ({@code trigger.expression},
 * {@code task.params.url}). Problem documents list them under {@code errors}, as they do for Bean Validation.
 */
public record InvalidField(String field, String message) {
}
