package dev.starkbot.ai;

/**
 * A tool as the model sees it.
 *
 * @param inputSchema a JSON Schema of type {@code object}, as JSON text
 */
public record ToolSpec(String name, String description, String inputSchema) {
}
