package dev.starkbot.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Just enough of RFC 6455 by hand to send what real clients never would, and to not read at all. */
final class RawWebSocket {

    private RawWebSocket() {
    }

    static Socket open(int port, String token) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("a 16 byte nonce!".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade"
                + "\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        assertThat(headers.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    /** A final, masked text frame (mask of zeros, so the payload goes unchanged), up to 125 bytes. */
    static void sendText(Socket socket, byte[] payload) throws IOException {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        socket.getOutputStream().write(frame);
        socket.getOutputStream().flush();
    }

    /** Reads frames until a close frame, and returns its status code. */
    static int readCloseCode(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (true) {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return -1;
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0F) == 0x8) {
                return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
            }
        }
    }
}
