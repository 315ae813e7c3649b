package dev.starkbot.ai;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One part of a message, in the provider-neutral form that is stored and sent to clients. Tool input is kept as the
 * JSON text the model produced, so that a stored call replays byte for byte to any provider.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ContentBlock.Text.class, name = "text"),
        @JsonSubTypes.Type(value = ContentBlock.ToolUse.class, name = "tool_use"),
        @JsonSubTypes.Type(value = ContentBlock.ToolResult.class, name = "tool_result")})
public sealed interface ContentBlock {

    record Text(String text) implements ContentBlock {
    }

    /** @param input the arguments as a JSON object text */
    record ToolUse(String id, String name, String input) implements ContentBlock {
    }

    record ToolResult(String toolUseId, String content, boolean error) implements ContentBlock {
    }

    /** The plain text of a list of blocks, for search, titles and notices. */
    static String plainText(java.util.List<ContentBlock> blocks) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof Text(String t)) {
                text.append(t);
            }
        }
        return text.toString();
    }
}
