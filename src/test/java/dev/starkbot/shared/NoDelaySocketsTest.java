package dev.starkbot.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void plainSocketsHaveNagleOff() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = NoDelaySockets.plain().createSocket(InetAddress.getLoopbackAddress(),
                     server.getLocalPort())) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void tlsTurnsNagleOffOnTheSocketItIsLayeredOver() throws Exception {
        NoDelaySockets.Tls tls = NoDelaySockets.tls();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket layered = tls.factory().createSocket(plain, "localhost", server.getLocalPort(), true)) {
            assertThat(plain.getTcpNoDelay()).isTrue();
            assertThat(layered.getTcpNoDelay()).isTrue();
            assertThat(tls.trustManager().getAcceptedIssuers()).isNotEmpty();
        }
    }
}
