package dev.starkbot.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchRepositoryTest {

    @Test
    void everyWordBecomesAQuotedFtsStringSoQuerySyntaxCannotBreakTheSearch() {
        assertThat(SearchRepository.ftsQuery("  cat   food ")).isEqualTo("\"cat\" \"food\"");
        assertThat(SearchRepository.ftsQuery("say \"hi\" NEAR -x*"))
                .isEqualTo("\"say\" \"\"\"hi\"\"\" \"NEAR\" \"-x*\"");
        assertThat(SearchRepository.ftsQuery("   ")).isEmpty();
    }
}
