package dev.starkbot.ai;

/**
 * A provider and one of its models, written {@code provider:model} ({@code anthropic:claude-sonnet-4-5},
 * {@code openai:llama3.1:8b}): only the first colon separates, because local model names contain colons.
 */
public record ModelRef(String provider, String model) {

    public static final String ANTHROPIC = "anthropic";
    public static final String OPENAI = "openai";

    /** Parses {@code provider:model}; a bare model name goes to {@code defaultProvider}. */
    public static ModelRef parse(String text, String defaultProvider) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String provider = text.substring(0, colon);
            if (provider.equals(ANTHROPIC) || provider.equals(OPENAI)) {
                return new ModelRef(provider, text.substring(colon + 1));
            }
        }
        return new ModelRef(defaultProvider, text);
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
