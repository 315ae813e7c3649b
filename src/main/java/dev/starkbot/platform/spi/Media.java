package dev.starkbot.platform.spi;

import dev.starkbot.platform.Attachment;

/**
 * A platform that receives files with messages and sends the {@code attachments} of an
 * {@link dev.starkbot.platform.OutgoingMessage}. Received files are recorded by reference and downloaded by
 * {@link #download} only when the router lets the sender in, so strangers cannot fill the disk.
 */
public interface Media {

    /**
     * Fetches a received file into the platform's own directory under {@code <data-dir>/files}.
     *
     * @return the attachment with its {@code path} set
     * @throws DeliveryException when it cannot be fetched, or is larger than {@link #maxDownloadBytes()}
     */
    Attachment download(Attachment attachment, String chatId) throws DeliveryException;

    /** The largest file the platform lets a bot download, in bytes; larger ones are described, not fetched. */
    long maxDownloadBytes();
}
