package dev.starkbot.schedule.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.starkbot.crypto.spi.SealedColumn;

@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    /** Tasks' parameters are sealed, so rotating the master key re-encrypts them. */
    @Bean
    SealedColumn taskParamsColumn() {
        return new SealedColumn("schedules", "id", "task_params", SealedTaskParams.PREFIX);
    }
}
