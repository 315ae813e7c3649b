package dev.starkbot.ai;

/**
 * Tokens of one model call as the provider counted them. {@code input} excludes cached tokens on Anthropic (it
 * reports them apart) and includes them on OpenAI, which reports the cached share separately; providers normalise
 * to Anthropic's meaning so that cost sums stay right.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {

    public static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(input + other.input, output + other.output, cacheRead + other.cacheRead,
                cacheWrite + other.cacheWrite);
    }

    public long total() {
        return input + output + cacheRead + cacheWrite;
    }
}
