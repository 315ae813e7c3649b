package dev.starkbot.settings;

import dev.starkbot.shared.ErrorKind;
import dev.starkbot.shared.StarkBotException;

/** A setting that does not exist, or a value it does not accept. Messages never repeat a submitted value. */
public class SettingsException extends StarkBotException {

    private final ErrorKind kind;
    private final String type;

    private SettingsException(ErrorKind kind, String type, String message) {
        super(message);
        this.kind = kind;
        this.type = type;
    }

    public static SettingsException unknown(String key) {
        return new SettingsException(ErrorKind.NOT_FOUND, "unknown-setting", "There is no setting '" + key + "'");
    }

    public static SettingsException invalid(String key, String why) {
        return new SettingsException(ErrorKind.INVALID, "invalid-setting", "Invalid value for '" + key + "': " + why);
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }

    @Override
    public String type() {
        return type;
    }
}
