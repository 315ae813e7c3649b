package dev.starkbot.testing.fake;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A message the bot sent, as {@link FakeDiscordServer} holds it, with every version it had: the original first,
 * then one per edit.
 *
 * @param replyTo the id of the message it replies to (its {@code message_reference}), or null
 * @param files   the files uploaded with it, by name
 * @param history every version, oldest first; never empty
 */
public record DiscordMessage(long channelId, long id, Long replyTo, List<File> files, List<Version> history) {

    /** One uploaded attachment. */
    public record File(String filename, String contentType, byte[] bytes) {
    }

    /**
     * One version of the message.
     *
     * @param json the message object as Discord returned it for this version
     */
    public record Version(String content, JsonNode embeds, JsonNode components, JsonNode json) {
    }

    public DiscordMessage {
        files = List.copyOf(files);
        history = List.copyOf(history);
    }

    public Version current() {
        return history.getLast();
    }

    public String content() {
        return current().content();
    }

    public JsonNode embeds() {
        return current().embeds();
    }

    public JsonNode components() {
        return current().components();
    }

    /** The versions after the original, oldest first. */
    public List<Version> edits() {
        return history.subList(1, history.size());
    }

    DiscordMessage edited(Version version) {
        var versions = new java.util.ArrayList<>(history);
        versions.add(version);
        return new DiscordMessage(channelId, id, replyTo, files, versions);
    }
}
