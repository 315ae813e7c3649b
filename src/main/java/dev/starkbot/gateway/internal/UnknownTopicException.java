package dev.starkbot.gateway.internal;

import java.util.Set;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

class UnknownTopicException extends StarkBotException {

    UnknownTopicException(String topic, Set<String> known) {
        super("Unknown topic '" + topic + "'; topics are " + known);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID;
    }

    @Override
    public String type() {
        return "unknown-topic";
    }
}
