package dev.starkbot.ai.internal;

import java.util.List;
import java.util.Map;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;

import dev.starkbot.ai.ChatMessage;
import dev.starkbot.ai.ChatRequest;
import dev.starkbot.ai.ContentBlock;
import dev.starkbot.ai.ToolSpec;

/**
 * Our request in chat-completions terms: a system message first; a user turn's tool results become one
 * {@code tool} message each (the API has no tool results inside user turns); an assistant turn's tool calls become
 * its {@code tool_calls}. Caching is automatic on OpenAI, so no breakpoints are sent.
 */
final class OpenAiMapping {

    private OpenAiMapping() {
    }

    static ChatCompletionCreateParams params(String model, ChatRequest request) {
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder().model(model)
                .maxCompletionTokens(request.maxTokens())
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (!request.system().isBlank()) {
            builder.addMessage(ChatCompletionSystemMessageParam.builder().content(request.system()).build());
        }
        if (request.temperature() != null) {
            builder.temperature(request.temperature().doubleValue());
        }
        for (ChatMessage message : request.messages()) {
            if (message.role() == ChatMessage.Role.USER) {
                user(builder, message.content());
            } else {
                assistant(builder, message.content());
            }
        }
        for (ToolSpec tool : request.tools()) {
            builder.addTool(ChatCompletionFunctionTool.builder().function(function(tool)).build());
        }
        return builder.build();
    }

    private static void user(ChatCompletionCreateParams.Builder builder, List<ContentBlock> content) {
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : content) {
            switch (block) {
                case ContentBlock.ToolResult result -> builder.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(result.toolUseId())
                        .content(result.error() ? "Error: " + result.content() : result.content()).build());
                case ContentBlock.Text t -> text.append(t.text());
                case ContentBlock.ToolUse ignored -> {
                }
            }
        }
        if (!text.isEmpty()) {
            builder.addMessage(ChatCompletionUserMessageParam.builder().content(text.toString()).build());
        }
    }

    private static void assistant(ChatCompletionCreateParams.Builder builder, List<ContentBlock> content) {
        ChatCompletionAssistantMessageParam.Builder message = ChatCompletionAssistantMessageParam.builder();
        String text = ContentBlock.plainText(content);
        if (!text.isEmpty()) {
            message.content(text);
        }
        for (ContentBlock block : content) {
            if (block instanceof ContentBlock.ToolUse use) {
                message.addToolCall(ChatCompletionMessageFunctionToolCall.builder().id(use.id())
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder().name(use.name())
                                .arguments(use.input()).build()).build());
            }
        }
        builder.addMessage(message.build());
    }

    private static FunctionDefinition function(ToolSpec tool) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        for (Map.Entry<String, Object> entry : AnthropicMapping.parse(tool.inputSchema()).entrySet()) {
            parameters.putAdditionalProperty(entry.getKey(), JsonValue.from(entry.getValue()));
        }
        return FunctionDefinition.builder().name(tool.name()).description(tool.description())
                .parameters(parameters.build()).build();
    }
}
