package dev.starkbot.job.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;

/** Job types for tests: one echoes, one fails twice, one always fails, one waits to be cancelled. */
@TestConfiguration
class TestJobs {

    static final AtomicInteger FLAKY_RUNS = new AtomicInteger();
    static final AtomicInteger PATIENT_ACTIVE = new AtomicInteger();

    @Bean
    JobHandler echo() {
        return handler("test.echo", context -> "echo: " + context.payload());
    }

    @Bean
    JobHandler flaky() {
        return handler("test.flaky", context -> {
            FLAKY_RUNS.incrementAndGet();
            if (context.attempt() < 3) {
                throw new IllegalStateException("flaky failure on attempt " + context.attempt());
            }
            return "made it on attempt " + context.attempt();
        });
    }

    @Bean
    JobHandler hopeless() {
        return handler("test.hopeless", context -> {
            throw new IllegalStateException("never works");
        });
    }

    @Bean
    JobHandler patient() {
        return handler("test.patient", context -> {
            PATIENT_ACTIVE.incrementAndGet();
            try {
                for (int step = 0; step < 600 && !context.cancelled(); step++) {
                    context.progress(step % 100, "step " + step);
                    Thread.sleep(50);
                }
                return context.cancelled() ? null : "finished";
            } finally {
                PATIENT_ACTIVE.decrementAndGet();
            }
        });
    }

    interface Work {
        String run(JobContext context) throws Exception;
    }

    static JobHandler handler(String type, Work work) {
        return new JobHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public String run(JobContext context) throws Exception {
                return work.run(context);
            }
        };
    }
}
