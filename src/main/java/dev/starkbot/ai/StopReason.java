package dev.starkbot.ai;

/** Why a reply ended. {@code INTERRUPTED} and {@code CANCELLED} are ours: the stream broke, or someone stopped it. */
public enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE, REFUSAL, INTERRUPTED, CANCELLED;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
