package dev.starkbot.settings;

/** How a setting's value is validated, stored and shown. */
public enum SettingType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** one of the definition's {@code choices} */
    CHOICE,
    /** an ISO-8601 or Spring-style duration such as {@code PT30S} or {@code 30s} */
    DURATION,
    /** an IANA zone id such as {@code Europe/Paris} */
    TIME_ZONE,
    /** sealed at rest, write-only through the API: reads show only that it is set and its last 4 characters */
    SECRET
}
