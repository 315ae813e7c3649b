package dev.starkbot.ai.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;

import dev.starkbot.ai.ChatMessage;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ToolSpec;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our request in the Messages API's terms. Prompt caching: the system prompt carries one cache breakpoint and the
 * last message of the stable history prefix another, so that a conversation's next turn reads its whole earlier
 * context from the cache and pays only for what is new.
 */
final class AnthropicMapping {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private AnthropicMapping() {
    }

    static MessageCreateParams params(String model, ChatRequest request) {
        MessageCreateParams.Builder builder = MessageCreateParams.builder().model(model)
                .maxTokens(request.maxTokens());
        if (!request.system().isBlank()) {
            builder.systemOfTextBlockParams(List.of(TextBlockParam.builder().text(request.system())
                    .cacheControl(CacheControlEphemeral.builder().build()).build()));
        }
        if (request.temperature() != null) {
            // this SDK version has no typed setter for it (newer Claude models fix it); the API still takes it
            builder.putAdditionalBodyProperty("temperature", JsonValue.from(request.temperature()));
        }
        List<ChatMessage> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            boolean breakpoint = i == request.stablePrefix() - 1;
            List<ContentBlockParam> blocks = blocks(messages.get(i).content(), breakpoint);
            builder.addMessage(messages.get(i).role() == ChatMessage.Role.USER
                    ? MessageParam.ofUserOfContentBlockParams(blocks)
                    : MessageParam.ofAssistantOfContentBlockParams(blocks));
        }
        for (ToolSpec tool : request.tools()) {
            builder.addTool(tool(tool));
        }
        return builder.build();
    }

    private static List<ContentBlockParam> blocks(List<ContentBlock> content, boolean breakpoint) {
        List<ContentBlockParam> blocks = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            CacheControlEphemeral cache = breakpoint && i == content.size() - 1
                    ? CacheControlEphemeral.builder().build() : null;
            blocks.add(switch (content.get(i)) {
                case ContentBlock.Text text -> ContentBlockParam.ofText(TextBlockParam.builder()
                        // the API refuses empty text blocks; an interrupted reply may have produced one
                        .text(text.text().isEmpty() ? " " : text.text()).cacheControl(
                                java.util.Optional.ofNullable(cache)).build());
                case ContentBlock.ToolUse use -> ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                        .id(use.id()).name(use.name()).input(ToolUseBlockParam.Input.builder()
                                .additionalProperties(values(use.input())).build())
                        .cacheControl(java.util.Optional.ofNullable(cache)).build());
                case ContentBlock.ToolResult result -> ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(result.toolUseId()).content(result.content()).isError(result.error())
                        .cacheControl(java.util.Optional.ofNullable(cache)).build());
            });
        }
        return blocks;
    }

    private static Tool tool(ToolSpec spec) {
        Map<String, Object> schema = parse(spec.inputSchema());
        Tool.InputSchema.Builder input = Tool.InputSchema.builder();
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            Tool.InputSchema.Properties.Builder props = Tool.InputSchema.Properties.builder();
            properties.forEach((name, value) -> props.putAdditionalProperty(String.valueOf(name),
                    JsonValue.from(value)));
            input.properties(props.build());
        }
        if (schema.get("required") instanceof List<?> required) {
            input.required(required.stream().map(String::valueOf).toList());
        }
        return Tool.builder().name(spec.name()).description(spec.description()).inputSchema(input.build()).build();
    }

    private static Map<String, JsonValue> values(String json) {
        Map<String, JsonValue> values = new java.util.LinkedHashMap<>();
        parse(json).forEach((key, value) -> values.put(key, JsonValue.from(value)));
        return values;
    }

    /** A tool input or schema as a map; a model's unparseable input becomes an empty object rather than a crash. */
    static Map<String, Object> parse(String json) {
        try {
            Map<String, Object> map = JSON.readValue(json.isBlank() ? "{}" : json, OBJECT);
            return map == null ? Map.of() : map;
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
