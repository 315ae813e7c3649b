package dev.starkbot.platform.spi;

/**
 * A platform that receives files with messages (downloading them before {@link PlatformContext#receive}) and sends
 * the {@code attachments} of an {@link dev.starkbot.platform.OutgoingMessage}.
 */
public interface Media {

    /** The largest file the platform lets a bot download, in bytes; larger ones are described, not fetched. */
    long maxDownloadBytes();
}
