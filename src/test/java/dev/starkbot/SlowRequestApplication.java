package dev.starkbot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.starkbot.job.JobService;
import dev.starkbot.job.spi.JobContext;
import dev.starkbot.job.spi.JobHandler;
import dev.starkbot.user.Access;
import dev.starkbot.user.PermissionRule;

/**
 * StarkBot exactly as {@code main} starts it, plus one slow endpoint, for tests that run it as a real process and
 * signal it. The endpoint is a {@link TestConfiguration} so that the Spring contexts of other tests skip it.
 */
public final class SlowRequestApplication {

    private SlowRequestApplication() {
    }

    public static void main(String[] args) {
        StarkBotApplication.run(args, SlowEndpoint.class);
    }

    @TestConfiguration
    @RestController
    public static class SlowEndpoint {

        private static final Logger log = LoggerFactory.getLogger(SlowEndpoint.class);

        /** Test endpoints need a line in the permission matrix like any other. */
        @Bean
        PermissionRule testEndpoints() {
            return PermissionRule.of(null, "/test/**", Access.PUBLIC);
        }

        /**
         * In a process started with {@code -Dstarkbot.test.block=true} this job blocks until the process is
         * killed; anywhere else it completes at once, which is how the process that recovers it finishes it.
         */
        @Bean
        JobHandler blockingJob() {
            return new JobHandler() {
                @Override
                public String type() {
                    return "test.block";
                }

                @Override
                public String run(JobContext context) throws Exception {
                    if (Boolean.getBoolean("starkbot.test.block")) {
                        log.info("blocking job started");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    return "resumed on attempt " + context.attempt();
                }
            };
        }

        @Autowired
        JobService jobs;

        @GetMapping("/test/jobs/block")
        String enqueueBlockingJob() {
            return jobs.enqueue("test.block", null, null, 3);
        }

        @GetMapping("/test/slow")
        String slow(@RequestParam long millis) throws InterruptedException {
            log.info("slow request started");
            Thread.sleep(millis);
            log.info("slow request finishing");
            return "finished";
        }
    }
}
