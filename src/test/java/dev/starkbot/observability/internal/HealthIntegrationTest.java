package dev.starkbot.observability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import com.zaxxer.hikari.HikariDataSource;

import dev.starkbot.testing.Http;
import dev.starkbot.testing.StorageTest;
import dev.starkbot.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

@StorageTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // closes the pool on purpose
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    HikariDataSource dataSource;

    @Test
    @Order(1)
    void reportsUpWithTheDatabaseRoundTripWithoutAuthentication() {
        HttpResponse<String> response = new Http(port).get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode health = Http.json(response);
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode database = health.path("components").path("database");
        assertThat(database.path("status").asString()).isEqualTo("UP");
        assertThat(database.path("details").path("kind").asString())
                .isEqualTo(TestDatabase.kind().name().toLowerCase());
        assertThat(database.path("details").path("roundTripMs").isNumber()).isTrue();
        assertThat(response.body()).doesNotContain("jdbc:").doesNotContain("password");
    }

    @Test
    @Order(2)
    void answers503WhenTheDatabaseDoesNotAnswer() {
        dataSource.close();

        HttpResponse<String> response = new Http(port).get("/health");

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode health = Http.json(response);
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("database").path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("components").path("database").path("details").path("problem").asString())
                .isEqualTo("connection failed");
    }
}
