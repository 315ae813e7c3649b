package dev.starkbot.usage.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import dev.starkbot.user.UserService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.PositiveOrZero;

/** Tokens and cost per day and model: one's own, and everyone's for admins, who also set budgets. */
@RestController
class UsageController {

    /** A longer range would make one request read a year of rows per model; charts need weeks. */
    private static final int MAX_DAYS = 366;

    private final UsageRepository repository;
    private final DefaultUsageService usage;
    private final UserService users;
    private final Clock clock;

    UsageController(UsageRepository repository, DefaultUsageService usage, UserService users, Clock clock) {
        this.repository = repository;
        this.usage = usage;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/api/usage")
    @RpcMethod(value = "usage.get", description = "The caller's tokens and estimated cost per day and model, "
            + "with budgets")
    Report mine(@AuthenticationPrincipal Principal me,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        Range range = range(from, to);
        List<UsageRepository.DayRow> rows = repository.days(me.userId(), range.from().toString(),
                range.to().toString());
        DefaultUsageService.Budgets budgets = usage.budgets(me.userId());
        LocalDate today = usage.today();
        Budget budget = new Budget(budgets.daily(), budgets.monthly(),
                repository.tokensBetween(me.userId(), today.toString(), today.toString()),
                repository.tokensBetween(me.userId(), today.withDayOfMonth(1).toString(), today.toString()));
        return new Report(range.from(), range.to(), rows.stream().map(Day::of).toList(), Totals.of(rows), budget);
    }

    @GetMapping("/api/admin/usage")
    @RpcMethod(value = "admin.usage", description = "Everyone's tokens and estimated cost per user")
    Map<String, Totals> everyone(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        Range range = range(from, to);
        Map<String, List<UsageRepository.DayRow>> byUser = new TreeMap<>();
        for (UsageRepository.DayRow row : repository.days(null, range.from().toString(), range.to().toString())) {
            byUser.computeIfAbsent(row.userId(), id -> new java.util.ArrayList<>()).add(row);
        }
        Map<String, Totals> totals = new TreeMap<>();
        byUser.forEach((user, rows) -> totals.put(user, Totals.of(rows)));
        return totals;
    }

    @PutMapping("/api/admin/usage/budgets/{userId}")
    @RpcMethod(value = "admin.usage.budget", description = "Set one user's daily and monthly token budgets "
            + "(null for the default, 0 for none)")
    BudgetRequest setBudget(@PathVariable String userId, @Valid @RequestBody BudgetRequest request) {
        if (users.displayName(userId).isEmpty()) {
            throw new UsageRangeException.UnknownUser();
        }
        repository.setBudget(userId, request.dailyTokens(), request.monthlyTokens(), clock.millis());
        return request;
    }

    private Range range(@Nullable LocalDate from, @Nullable LocalDate to) {
        LocalDate end = to == null ? usage.today() : to;
        LocalDate start = from == null ? end.minusDays(29) : from;
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new UsageRangeException(MAX_DAYS);
        }
        return new Range(start, end);
    }

    private record Range(LocalDate from, LocalDate to) {
    }

    record BudgetRequest(@Nullable @PositiveOrZero Long dailyTokens, @Nullable @PositiveOrZero Long monthlyTokens) {
    }

    record Report(LocalDate from, LocalDate to, List<Day> days, Totals totals, Budget budget) {
    }

    /** @param dailyTokens 0 when there is no limit */
    record Budget(long dailyTokens, long monthlyTokens, long usedToday, long usedThisMonth) {
    }

    record Day(String day, String model, long requests, long inputTokens, long outputTokens, long cacheReadTokens,
               long cacheWriteTokens, double costUsd) {
        static Day of(UsageRepository.DayRow row) {
            return new Day(row.day(), row.model(), row.requests(), row.inputTokens(), row.outputTokens(),
                    row.cacheReadTokens(), row.cacheWriteTokens(), row.costMicros() / 1_000_000.0);
        }
    }

    record Totals(long requests, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
                  double costUsd) {
        static Totals of(List<UsageRepository.DayRow> rows) {
            long requests = 0;
            long input = 0;
            long output = 0;
            long read = 0;
            long write = 0;
            long cost = 0;
            for (UsageRepository.DayRow row : rows) {
                requests += row.requests();
                input += row.inputTokens();
                output += row.outputTokens();
                read += row.cacheReadTokens();
                write += row.cacheWriteTokens();
                cost += row.costMicros();
            }
            return new Totals(requests, input, output, read, write, cost / 1_000_000.0);
        }
    }
}
