package dev.starkbot.usage.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.stereotype.Service;

import dev.starkbot.ai.ModelRef;
import dev.starkbot.ai.TokenUsage;
import dev.starkbot.usage.BudgetExhaustedException;
import dev.starkbot.usage.UsageProperties;
import dev.starkbot.usage.UsageService;

@Service
class DefaultUsageService implements UsageService {

    private final UsageRepository repository;
    private final UsageProperties properties;
    private final Prices prices;
    private final Clock clock;

    DefaultUsageService(UsageRepository repository, UsageProperties properties, Prices prices, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.prices = prices;
        this.clock = clock;
    }

    @Override
    public void checkBudget(String userId) {
        Budgets budgets = budgets(userId);
        if (budgets.daily() == 0 && budgets.monthly() == 0) {
            return;
        }
        LocalDate today = today();
        if (budgets.daily() > 0 && repository.tokensBetween(userId, today.toString(), today.toString())
                >= budgets.daily()) {
            throw new BudgetExhaustedException("daily", budgets.daily(), until(today.plusDays(1)));
        }
        if (budgets.monthly() > 0 && repository.tokensBetween(userId, today.withDayOfMonth(1).toString(),
                today.toString()) >= budgets.monthly()) {
            throw new BudgetExhaustedException("monthly", budgets.monthly(),
                    until(today.withDayOfMonth(1).plusMonths(1)));
        }
    }

    @Override
    public long record(String userId, ModelRef model, TokenUsage usage) {
        long cost = cost(model, usage);
        repository.add(userId, today().toString(), model.toString(), usage.input(), usage.output(),
                usage.cacheRead(), usage.cacheWrite(), cost);
        return cost;
    }

    @Override
    public long cost(ModelRef model, TokenUsage usage) {
        return prices.cost(model, usage);
    }

    /** The user's own budgets where an admin set them, the configured defaults otherwise; 0 is no limit. */
    Budgets budgets(String userId) {
        var own = repository.budget(userId);
        long daily = own.map(UsageRepository.Budget::dailyTokens).orElse(null) instanceof Long d
                ? d : properties.dailyTokens();
        long monthly = own.map(UsageRepository.Budget::monthlyTokens).orElse(null) instanceof Long m
                ? m : properties.monthlyTokens();
        return new Budgets(daily, monthly);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private Duration until(LocalDate day) {
        return Duration.between(clock.instant(), day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    record Budgets(long daily, long monthly) {
    }
}
