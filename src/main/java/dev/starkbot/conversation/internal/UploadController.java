package dev.starkbot.conversation.internal;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.starkbot.conversation.ConversationException;
import dev.starkbot.user.Principal;

/**
 * Attaching a file in the web chat. Multipart, so HTTP only: a JSON-RPC call cannot carry a file. The id it answers
 * goes into the {@code attachments} of the message that follows.
 */
@RestController
class UploadController {

    private final ConversationRepository conversations;
    private final Uploads uploads;

    UploadController(ConversationRepository conversations, Uploads uploads) {
        this.conversations = conversations;
        this.uploads = uploads;
    }

    @PostMapping(value = "/api/conversations/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Upload> upload(@AuthenticationPrincipal Principal me, @PathVariable String id,
                                  @RequestPart("file") MultipartFile file) throws IOException {
        conversations.find(me.userId(), id).orElseThrow(() -> ConversationException.notFound("conversation"));
        Upload upload;
        try (InputStream in = file.getInputStream()) {
            upload = uploads.store(me.userId(), id, file.getOriginalFilename(), file.getContentType(), file.getSize(),
                    in);
        }
        // no Location: an upload is not a resource of its own, only something a message can name
        return ResponseEntity.status(HttpStatus.CREATED).body(upload);
    }
}
