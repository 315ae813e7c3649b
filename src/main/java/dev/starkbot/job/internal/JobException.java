package dev.starkbot.job.internal;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

abstract class JobException extends StarkBotException {

    JobException(String message) {
        super(message);
    }

    static final class NotFound extends JobException {
        NotFound(String id) {
            super("No such job");
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.NOT_FOUND;
        }

        @Override
        public String type() {
            return "not-found";
        }
    }

    static final class Conflict extends JobException {
        Conflict(String message) {
            super(message);
        }

        @Override
        public ErrorKind kind() {
            return ErrorKind.CONFLICT;
        }

        @Override
        public String type() {
            return "job-state";
        }
    }
}
