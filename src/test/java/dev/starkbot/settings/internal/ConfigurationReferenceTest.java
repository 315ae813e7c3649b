package dev.starkbot.settings.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the reference part of docs/configuration.md generated from the configuration records themselves: names and
 * descriptions from the metadata the build writes from their Javadoc, defaults by binding each record to an empty
 * configuration. Run with {@code -Dstarkbot.docs.write=true} to rewrite the section after changing a record.
 */
class ConfigurationReferenceTest {

    static final Path DOC = Path.of("docs/configuration.md");
    static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE: ConfigurationReferenceTest writes this part -->";
    static final String END = "<!-- END GENERATED REFERENCE -->";

    @Test
    void theConfigurationReferenceMatchesTheConfigurationRecords() throws Exception {
        String generated = render();
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        String updated = begin < 0 || end < begin
                ? doc.stripTrailing() + "\n\n" + BEGIN + "\n" + generated + END + "\n"
                : doc.substring(0, begin + BEGIN.length()) + "\n" + generated + doc.substring(end);
        if (Boolean.getBoolean("starkbot.docs.write")) {
            Files.writeString(DOC, updated);
        }
        assertThat(doc).as("docs/configuration.md is out of date: run mvn test -Dtest=ConfigurationReferenceTest "
                + "-Dstarkbot.docs.write=true and commit the result").isEqualTo(updated);
    }

    static String render() throws Exception {
        JsonNode metadata = metadata();
        Map<String, List<JsonNode>> byGroup = new TreeMap<>();
        Map<String, String> groupTypes = new TreeMap<>();
        for (JsonNode group : metadata.path("groups")) {
            groupTypes.put(group.path("name").asString(), group.path("type").asString());
        }
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            byGroup.computeIfAbsent(topGroup(groupTypes, name), k -> new ArrayList<>()).add(property);
        }
        StringBuilder out = new StringBuilder();
        List<JsonNode> groups = metadata.path("groups").valueStream().toList();
        for (Map.Entry<String, List<JsonNode>> entry : byGroup.entrySet()) {
            String group = entry.getKey();
            out.append("\n### `").append(group).append("`\n\n");
            out.append("| key | environment variable | default | meaning |\n| --- | --- | --- | --- |\n");
            List<JsonNode> properties = new ArrayList<>(entry.getValue());
            properties.sort((a, b) -> a.path("name").asString().compareTo(b.path("name").asString()));
            for (JsonNode property : properties) {
                String name = property.path("name").asString();
                out.append("| `").append(name).append("` | `").append(env(name)).append("` | ")
                        .append(defaultOf(property, groups)).append(" | ")
                        .append(describe(property.path("description").asString(""))).append(" |\n");
            }
        }
        return out.append('\n').toString();
    }

    /** The outermost group a property belongs to: nested records (rate-limit.read) stay under their parent. */
    private static String topGroup(Map<String, String> groups, String name) {
        return groups.keySet().stream().filter(g -> name.startsWith(g + ".") && groups.get(g) != null
                        && !groups.get(g).contains("$"))
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse("starkbot");
    }

    private static JsonNode metadata() throws Exception {
        for (URL url : Collections.list(ConfigurationReferenceTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode node = JsonMapper.builder().build().readTree(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
                if (node.path("groups").valueStream()
                        .anyMatch(g -> g.path("name").asString().startsWith("starkbot"))) {
                    return node;
                }
            }
        }
        throw new AssertionError("No StarkBot configuration metadata on the class path: is the processor running?");
    }

    /**
     * A default the metadata does not know (set in a record's compact constructor) comes from binding the record
     * that declares the property to an empty configuration and reading the value back.
     */
    private static String defaultOf(JsonNode property, List<JsonNode> groups) throws Exception {
        boolean nested = property.path("sourceType").asString().contains("$");
        if (property.has("defaultValue") && !nested) {
            return code(property.path("defaultValue").asString());
        }
        String name = property.path("name").asString();
        for (JsonNode group : groups) {
            String prefix = group.path("name").asString();
            String type = group.path("type").asString();
            if (type.contains("$") || !name.startsWith(prefix + ".")) {
                continue;
            }
            Object value = new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, Class.forName(type));
            boolean found = true;
            for (String part : name.substring(prefix.length() + 1).split("\\.")) {
                if (value == null || !value.getClass().isRecord() || !hasComponent(value, camel(part))) {
                    found = false;
                    break;
                }
                value = component(value, camel(part));
            }
            if (found) {
                return value == null ? "none"
                        : code(value instanceof Duration duration ? human(duration) : value.toString());
            }
        }
        return "none";
    }

    private static boolean hasComponent(Object record, String name) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Object component(Object record, String name) throws Exception {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getAccessor().invoke(record);
            }
        }
        return null;
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Markdown has no way to show an empty code span. */
    private static String code(String value) {
        return value.isEmpty() ? "empty" : "`" + value + "`";
    }

    private static String human(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    static String env(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String describe(String javadoc) {
        String text = javadoc.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link ([^}]*)}", "`$1`")
                .replaceAll("\\s*Env: `[A-Z_]+`\\.?", "").replaceAll("\\s+", " ").strip().replace("|", "\\|");
        return text.isEmpty() ? "" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
