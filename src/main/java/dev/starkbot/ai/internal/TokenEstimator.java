package dev.starkbot.ai.internal;

import org.springframework.stereotype.Component;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens offline with OpenAI's o200k encoding. Claude's tokenizer is not public; o200k comes within a few per
 * cent of it on English prose, which is what a context budget needs. The encoding loads on first use, off the
 * start-up path.
 */
@Component
class TokenEstimator {

    private volatile Encoding encoding;

    int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        Encoding current = encoding;
        if (current == null) {
            current = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
            encoding = current;
        }
        // ordinary text: special tokens in a user's message are just text to us
        return current.countTokensOrdinary(text);
    }
}
