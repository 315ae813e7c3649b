package dev.starkbot;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        ApplicationModules.of(StarkBotApplication.class).verify();
    }
}
