/**
 * What other modules implement to add task types to schedules: a {@link dev.starkbot.schedule.spi.TaskAction}
 * bean per type. The conversation module contributes {@code message} and {@code ai-prompt}.
 */
@NamedInterface("spi")
@NullMarked
package dev.starkbot.schedule.spi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
