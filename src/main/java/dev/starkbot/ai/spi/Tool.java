package dev.starkbot.ai.spi;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.ToolSpec;
import tools.jackson.databind.JsonNode;

/**
 * Something the model may do. Tools run with the rights of the person whose conversation asked; a tool must check
 * what it reads or changes belongs to {@code context.userId()}. Throwing returns the message to the model as an
 * error result, so messages must not hold secrets.
 */
public interface Tool {

    ToolSpec spec();

    /** @return the result for the model, usually short JSON or text */
    String call(JsonNode input, AiService.ToolContext context) throws Exception;
}
