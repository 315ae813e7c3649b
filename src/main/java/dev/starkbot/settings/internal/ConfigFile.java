package dev.starkbot.settings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Reads {@code config.toml} into flat property names: a table {@code [starkbot.database]} with {@code url = ...}
 * becomes {@code starkbot.database.url}, so that every property Spring knows can be set there under its own name.
 */
final class ConfigFile {

    private static final TomlMapper TOML = TomlMapper.builder().build();

    private ConfigFile() {
    }

    /** @throws IllegalArgumentException with the line and column of a syntax error, never the file's content */
    static Map<String, Object> read(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr();
            throw new IllegalArgumentException(file + " is not valid TOML" + where + ": "
                    + firstLine(e.getOriginalMessage()), e);
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else if (!node.isNull()) {
            into.put(prefix, node.asString());
        }
    }

    private static String firstLine(String message) {
        return message == null ? "unexpected input" : message.lines().findFirst().orElse(message);
    }
}
