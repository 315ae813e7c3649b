package dev.starkbot.conversation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Conversations and their memory.
 *
 * @param maxMessageChars    the longest message a person may send
 * @param summarizeAfter     tokens of history not yet covered by a summary that trigger summarising the older part
 *                           in the background; 0 turns automatic summaries off ({@code /compact} still works)
 * @param keepRecentTokens   the newest history, in tokens, that a summary leaves as it is
 * @param aiTitles           ask the model for a title after the first exchange (else the first words are used)
 * @param maxConcurrentTurns replies one user may have being written at once, over all their conversations (per
 *                           instance); budgets are checked before each model call, and this bounds how far several
 *                           turns started together can overshoot one
 * @param maxConversations   conversations one user may keep
 * @param maxUploadBytes     the largest file a person may attach in the web chat; the upload route accepts a
 *                           request body up to 1 MiB larger (the multipart envelope), whatever
 *                           {@code starkbot.http.max-body-size} says
 * @param maxAttachments     files one message may carry
 * @param maxUploadStorage   the bytes of attached files one person may keep at once (until {@code keep-uploads}
 *                           removes them): what one account can put on the server's disk
 * @param keepUploads        how long attached files are kept before the housekeeping deletes them (the messages keep
 *                           their names)
 */
@ConfigurationProperties("starkbot.conversations")
@Validated
public record ConversationsProperties(
        @DefaultValue("32000") @Min(1) @Max(1_000_000) int maxMessageChars,
        @DefaultValue("60000") @Min(0) int summarizeAfter,
        @DefaultValue("8000") @Min(0) int keepRecentTokens,
        @DefaultValue("true") boolean aiTitles,
        @DefaultValue("3") @Min(1) @Max(100) int maxConcurrentTurns,
        @DefaultValue("10000") @Min(1) int maxConversations,
        @DefaultValue("20000000") @Min(1) @Max(2_000_000_000) long maxUploadBytes,
        @DefaultValue("10") @Min(1) @Max(100) int maxAttachments,
        @DefaultValue("500000000") @Min(1) long maxUploadStorage,
        @DefaultValue("30d") Duration keepUploads) {
}
