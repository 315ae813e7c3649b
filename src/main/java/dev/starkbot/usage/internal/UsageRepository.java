package dev.starkbot.usage.internal;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-day sums and the budgets; days are ISO dates in UTC, so text order is date order on both databases. */
@Repository
class UsageRepository {

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement, so concurrent turns of one user add up instead of overwriting each other. */
    void add(String userId, String day, String model, long input, long output, long cacheRead, long cacheWrite,
             long cost) {
        jdbc.sql("""
                INSERT INTO usage_daily (user_id, day, model, requests, input_tokens, output_tokens,
                    cache_read_tokens, cache_write_tokens, cost_micros)
                VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id, day, model) DO UPDATE SET requests = usage_daily.requests + 1,
                    input_tokens = usage_daily.input_tokens + excluded.input_tokens,
                    output_tokens = usage_daily.output_tokens + excluded.output_tokens,
                    cache_read_tokens = usage_daily.cache_read_tokens + excluded.cache_read_tokens,
                    cache_write_tokens = usage_daily.cache_write_tokens + excluded.cache_write_tokens,
                    cost_micros = usage_daily.cost_micros + excluded.cost_micros""")
                .params(userId, day, model, input, output, cacheRead, cacheWrite, cost).update();
    }

    long tokensBetween(String userId, String fromDay, String toDay) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens), 0)
                FROM usage_daily WHERE user_id = ? AND day >= ? AND day <= ?""")
                .params(userId, fromDay, toDay).query(Long.class).single();
    }

    /** One user's days, or everyone's when {@code userId} is null. */
    List<DayRow> days(@Nullable String userId, String fromDay, String toDay) {
        String select = """
                SELECT user_id, day, model, requests, input_tokens, output_tokens, cache_read_tokens,
                    cache_write_tokens, cost_micros
                FROM usage_daily WHERE day >= ? AND day <= ?""";
        // two statements rather than "? IS NULL OR ...", whose untyped parameter PostgreSQL refuses
        return userId == null
                ? jdbc.sql(select + " ORDER BY day, model, user_id").params(fromDay, toDay).query(DayRow.class).list()
                : jdbc.sql(select + " AND user_id = ? ORDER BY day, model").params(fromDay, toDay, userId)
                        .query(DayRow.class).list();
    }

    Optional<Budget> budget(String userId) {
        return jdbc.sql("SELECT daily_tokens, monthly_tokens FROM usage_budgets WHERE user_id = ?")
                .param(userId).query(Budget.class).optional();
    }

    void setBudget(String userId, @Nullable Long daily, @Nullable Long monthly, long now) {
        jdbc.sql("""
                INSERT INTO usage_budgets (user_id, daily_tokens, monthly_tokens, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET daily_tokens = excluded.daily_tokens,
                    monthly_tokens = excluded.monthly_tokens, updated_at = excluded.updated_at""")
                .params(userId, daily, monthly, now).update();
    }

    record DayRow(String userId, String day, String model, long requests, long inputTokens, long outputTokens,
                  long cacheReadTokens, long cacheWriteTokens, long costMicros) {
    }

    record Budget(@Nullable Long dailyTokens, @Nullable Long monthlyTokens) {
    }
}
