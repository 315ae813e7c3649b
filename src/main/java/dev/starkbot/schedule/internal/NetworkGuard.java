package dev.starkbot.schedule.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.starkbot.schedule.SchedulesProperties;

/**
 * Keeps HTTP tasks away from what only the server can reach (SSRF): this machine, private networks, link-local
 * addresses with the cloud metadata services on them, and the other special-purpose ranges, also when an IPv6
 * address carries one of those IPv4 addresses inside it. An admin may open them all, or some networks, through
 * {@code starkbot.schedules.http.*}.
 */
@Component
class NetworkGuard {

    private final boolean allowAll;
    private final List<Network> allowed;
    /**
     * The addresses of this host's own interfaces, read at start-up: a public address of the server itself reaches
     * every service listening on all interfaces, past any firewall in front of the host.
     */
    private final Set<InetAddress> own;

    NetworkGuard(SchedulesProperties properties) {
        this.allowAll = properties.http().allowPrivateNetworks();
        this.allowed = properties.http().allowedNetworks().stream().map(Network::parse).toList();
        this.own = ownAddresses();
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // without the list, the other rules still refuse loopback and private addresses
        }
        return Set.copyOf(addresses);
    }

    /**
     * Resolves a host as the HTTP client will, and refuses it when any of its addresses is refused: a name with
     * one public and one private address could otherwise be aimed at the private one.
     *
     * @return why the host may not be called, or null when it may
     */
    @Nullable String refusal(String host) throws UnknownHostException {
        return refusal(host, List.of(InetAddress.getAllByName(host)));
    }

    /**
     * Checks the addresses a name resolved to. For a name, the refusal does not say which address it resolved to:
     * that would let a person map internal names through the server's resolver.
     */
    @Nullable String refusal(String host, List<InetAddress> addresses) {
        for (InetAddress address : addresses) {
            String kind = refusal(address);
            if (kind != null) {
                return host + (host.equals(address.getHostAddress()) ? " is a " + kind + " address"
                        : " resolves to a non-public address") + ", which HTTP tasks may not call unless an admin "
                        + "allows it (starkbot.schedules.http.allow-private-networks or allowed-networks)";
            }
        }
        return null;
    }

    /** @return the kind of address that is refused, or null when it may be called */
    @Nullable String refusal(InetAddress address) {
        if (allowAll || allowed.stream().anyMatch(network -> network.contains(address))) {
            return null;
        }
        String kind = special(address);
        return kind == null && own.contains(address) ? "this server's own" : kind;
    }

    /** The special-purpose kind of an address, or null for an ordinary public one. */
    static @Nullable String special(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return "unspecified";                                // 0.0.0.0/8, "this network"
            }
            if (first == 100 && (second & 0xc0) == 64) {
                return "shared (carrier-grade NAT)";                 // 100.64.0.0/10
            }
            if (first >= 240 || first == 192 && second == 0 && bytes[2] == 0 || first == 198 && (second & 0xfe) == 18) {
                return "reserved";                                   // 240/4 with broadcast, 192.0.0/24, 198.18/15
            }
            return null;
        }
        if ((bytes[0] & 0xfe) == 0xfc) {
            return "unique-local";                                   // fc00::/7
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
            return "Teredo tunnel";                                  // 2001::/32: the IPv4 inside is obfuscated
        }
        Inet4Address embedded = embeddedIpv4(bytes);
        String kind = embedded == null ? null : special(embedded);
        return kind == null ? null : kind + " (" + embedded.getHostAddress() + " inside an IPv6 address)";
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 address. */
    private static @Nullable Inet4Address embeddedIpv4(byte[] v6) {
        byte[] v4 = null;
        boolean zeroPrefix = Arrays.equals(v6, 0, 10, new byte[10], 0, 10);
        if (zeroPrefix && (v6[10] & v6[11] & 0xff) == 0xff || zeroPrefix && v6[10] == 0 && v6[11] == 0) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0x20 && v6[1] == 0x02) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        }
        try {
            return v4 == null ? null : (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /** A network in CIDR notation. */
    record Network(byte[] address, int prefix) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                InetAddress address = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
                int bits = address.getAddress().length * 8;
                int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("prefix out of range");
                }
                return new Network(address.getAddress(), prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("starkbot.schedules.http.allowed-networks: '" + cidr + "' is not a "
                        + "network in CIDR notation such as 10.0.0.0/8 or fd00::/8");
            }
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((other[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
