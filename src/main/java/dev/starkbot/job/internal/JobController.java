package dev.starkbot.job.internal;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.job.JobStatus;
import dev.starkbot.job.JobView;
import dev.starkbot.shared.RpcMethod;
import dev.starkbot.user.Principal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The caller's own background jobs. */
@RestController
@RequestMapping("/api/jobs")
class JobController {

    private final DefaultJobService jobs;

    JobController(DefaultJobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @RpcMethod(value = "jobs.list", description = "The caller's jobs, newest first, by status and type")
    List<JobView> list(@AuthenticationPrincipal Principal me,
                       @RequestParam(required = false) @Pattern(regexp = "pending|running|completed|failed|cancelled")
                       @Nullable String status,
                       @RequestParam(required = false) @Size(max = 100) @Nullable String type,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                       @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return jobs.list(me.userId(), status == null ? null : JobStatus.valueOf(status.toUpperCase(Locale.ROOT)),
                type, limit, offset);
    }

    @GetMapping("/{id}")
    @RpcMethod(value = "jobs.get", description = "One of the caller's jobs")
    JobView get(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return jobs.get(me.userId(), id);
    }

    @PostMapping("/{id}/cancel")
    @RpcMethod(value = "jobs.cancel", description = "Cancel a pending or running job")
    JobView cancel(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return jobs.cancel(me.userId(), id);
    }

    @PostMapping("/{id}/retry")
    @RpcMethod(value = "jobs.retry", description = "Run a failed or cancelled job again")
    JobView retry(@AuthenticationPrincipal Principal me, @PathVariable String id) {
        return jobs.retry(me.userId(), id);
    }
}
