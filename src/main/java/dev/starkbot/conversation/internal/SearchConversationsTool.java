package dev.starkbot.conversation.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.starkbot.ai.AiService;
import dev.starkbot.ai.ToolSpec;
import dev.starkbot.ai.spi.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lets the model look through the person's own earlier conversations, and only theirs. */
@Component
class SearchConversationsTool implements Tool {

    private static final ToolSpec SPEC = new ToolSpec("search_conversations",
            "Full-text search of the user's own earlier conversations. Returns matching message snippets with "
                    + "their conversation titles and dates.",
            """
            {"type":"object","properties":{"query":{"type":"string","description":"words that must all occur"},\
            "limit":{"type":"integer","minimum":1,"maximum":20}},"required":["query"]}""");

    private final SearchRepository search;
    private final JsonMapper json;

    SearchConversationsTool(SearchRepository search, JsonMapper json) {
        this.search = search;
        this.json = json;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public String call(JsonNode input, AiService.ToolContext context) {
        String query = input.path("query").asString("");
        if (query.isBlank()) {
            throw new IllegalArgumentException("'query' is required");
        }
        int limit = Math.clamp(input.path("limit").asInt(10), 1, 20);
        List<SearchRepository.Hit> hits = search.search(context.userId(), query, limit);
        return hits.isEmpty() ? "no matches" : json.writeValueAsString(hits);
    }
}
