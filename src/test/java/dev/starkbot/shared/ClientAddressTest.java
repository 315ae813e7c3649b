package dev.starkbot.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv6ClientsAreCountedByTheirSlash64AndIpv4ByTheirAddress() {
        assertThat(ClientAddress.limitKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(ClientAddress.limitKey("2001:db8:1:2:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.limitKey("2001:db8:1:2::1"));
        assertThat(ClientAddress.limitKey("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.limitKey("not an address")).isEqualTo("not an address");
    }
}
