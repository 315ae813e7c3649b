package dev.starkbot.persona.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.starkbot.persona.Persona;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The table {@code personas}; every query filters by owner, so that another user's id finds nothing. */
@Repository
class PersonaRepository {

    private static final String COLUMNS = "id, name, system_prompt, model, temperature, allowed_tools, variables, "
            + "created_at, updated_at";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> VARIABLES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PersonaRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Persona> list(String ownerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM personas WHERE owner_id = ?").param(ownerId)
                .query(this::map).list();
    }

    Optional<Persona> find(String ownerId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM personas WHERE owner_id = ? AND id = ?").params(ownerId, id)
                .query(this::map).optional();
    }

    long count(String ownerId) {
        return jdbc.sql("SELECT count(*) FROM personas WHERE owner_id = ?").param(ownerId).query(Long.class)
                .single();
    }

    void insert(String ownerId, Persona persona) {
        jdbc.sql("INSERT INTO personas (id, owner_id, name, system_prompt, model, temperature, allowed_tools, "
                        + "variables, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(persona.id(), ownerId, persona.name(), persona.systemPrompt(), persona.model(),
                        persona.temperature(), tools(persona.allowedTools()), json.writeValueAsString(
                                persona.variables()), persona.createdAt(), persona.updatedAt())
                .update();
    }

    /** @return false when the owner has no persona with this id */
    boolean update(String ownerId, Persona persona) {
        return jdbc.sql("UPDATE personas SET name = ?, system_prompt = ?, model = ?, temperature = ?, "
                        + "allowed_tools = ?, variables = ?, updated_at = ? WHERE owner_id = ? AND id = ?")
                .params(persona.name(), persona.systemPrompt(), persona.model(), persona.temperature(),
                        tools(persona.allowedTools()), json.writeValueAsString(persona.variables()),
                        persona.updatedAt(), ownerId, persona.id())
                .update() > 0;
    }

    boolean delete(String ownerId, String id) {
        return jdbc.sql("DELETE FROM personas WHERE owner_id = ? AND id = ?").params(ownerId, id).update() > 0;
    }

    private @Nullable String tools(@Nullable List<String> tools) {
        return tools == null ? null : json.writeValueAsString(tools);
    }

    private Persona map(ResultSet row, int n) throws SQLException {
        double temperature = row.getDouble("temperature");
        Double maybeTemperature = row.wasNull() ? null : temperature;
        String tools = row.getString("allowed_tools");
        Map<String, String> variables = json.readValue(row.getString("variables"), VARIABLES);
        return new Persona(row.getString("id"), row.getString("name"), row.getString("system_prompt"),
                row.getString("model"), maybeTemperature, tools == null ? null : List.copyOf(json.readValue(tools,
                NAMES)), Collections.unmodifiableMap(variables), false, row.getLong("created_at"),
                row.getLong("updated_at"));
    }
}
