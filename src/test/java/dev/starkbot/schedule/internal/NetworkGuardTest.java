package dev.starkbot.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.starkbot.schedule.SchedulesProperties;

class NetworkGuardTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "127.0.0.1          | loopback",
            "::1                | loopback",
            "10.1.2.3           | private",
            "172.16.0.1         | private",
            "172.31.255.255     | private",
            "192.168.1.1        | private",
            "169.254.169.254    | link-local",
            "fe80::1            | link-local",
            "fc00::1            | unique-local",
            "fd12:3456::1       | unique-local",
            "100.64.0.1         | shared (carrier-grade NAT)",
            "100.127.255.254    | shared (carrier-grade NAT)",
            "224.0.0.1          | multicast",
            "ff02::1            | multicast",
            "0.0.0.0            | unspecified",
            "0.1.2.3            | unspecified",
            "::                 | unspecified",
            "255.255.255.255    | reserved",
            "::ffff:10.0.0.1    | private",
            "::ffff:169.254.169.254 | link-local",
            "::127.0.0.1        | loopback (127.0.0.1 inside an IPv6 address)",
            "64:ff9b::a9fe:a9fe | link-local (169.254.169.254 inside an IPv6 address)",
            "2002:7f00:1::      | loopback (127.0.0.1 inside an IPv6 address)",
            "2002:c0a8:101::1   | private (192.168.1.1 inside an IPv6 address)"})
    void refusesSpecialPurposeAddresses(String address, String kind) {
        assertThat(NetworkGuard.special(InetAddress.ofLiteral(address))).isEqualTo(kind);
        assertThat(guard(false).refusal(InetAddress.ofLiteral(address))).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700::1111", "2a00:1450::1",
            "2002:808:808::1"})
    void letsPublicAddressesThrough(String address) {
        assertThat(NetworkGuard.special(InetAddress.ofLiteral(address))).isNull();
    }

    @Test
    void anAdminMayOpenSomeNetworksOrAll() {
        NetworkGuard someOpen = guard(false, "127.0.0.1/32", "10.0.0.0/8", "fd00::/8");
        assertThat(someOpen.refusal(InetAddress.ofLiteral("127.0.0.1"))).isNull();
        assertThat(someOpen.refusal(InetAddress.ofLiteral("10.200.0.1"))).isNull();
        assertThat(someOpen.refusal(InetAddress.ofLiteral("fd00::5"))).isNull();
        assertThat(someOpen.refusal(InetAddress.ofLiteral("127.0.0.2"))).isEqualTo("loopback");
        assertThat(someOpen.refusal(InetAddress.ofLiteral("169.254.169.254"))).isEqualTo("link-local");
        assertThat(guard(true).refusal(InetAddress.ofLiteral("169.254.169.254"))).isNull();
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIs() throws Exception {
        // a name's refusal does not say what it resolved to, so the resolver cannot be used to map internal names
        assertThat(guard(false).refusal("localhost")).startsWith("localhost resolves to a non-public address")
                .doesNotContain("127.0.0.1").contains("starkbot.schedules.http.allow-private-networks");
        assertThat(guard(false).refusal("2130706433")).startsWith("2130706433 resolves to a non-public address");
        assertThat(guard(false).refusal("127.0.0.1")).startsWith("127.0.0.1 is a loopback address");
        assertThat(guard(false).refusal("8.8.8.8")).isNull();
    }

    @Test
    void anInvalidAllowedNetworkStopsStartUp() {
        assertThatIllegalStateException().isThrownBy(() -> guard(false, "10.0.0.0/33"))
                .withMessage("starkbot.schedules.http.allowed-networks: '10.0.0.0/33' is not a network in CIDR "
                        + "notation such as 10.0.0.0/8 or fd00::/8");
        assertThatIllegalStateException().isThrownBy(() -> guard(false, "intranet.example"));
    }

    static NetworkGuard guard(boolean allowAll, String... allowed) {
        return new NetworkGuard(properties(allowAll, allowed));
    }

    static SchedulesProperties properties(boolean allowAll, String... allowed) {
        return new SchedulesProperties(100, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
                new SchedulesProperties.Http(allowAll, List.of(allowed), Duration.ofSeconds(60)));
    }

    @Test
    void teredoAddressesAreRefusedTheirIpv4BeingObfuscated() {
        assertThat(NetworkGuard.special(InetAddress.ofLiteral("2001:0:4136:e378:8000:63bf:3fff:fdd2")))
                .isEqualTo("Teredo tunnel");
        assertThat(NetworkGuard.special(InetAddress.ofLiteral("2001:db8::1"))).isNotEqualTo("Teredo tunnel");
    }
}
