package dev.starkbot.shared;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Sockets with Nagle's algorithm off ({@code TCP_NODELAY}), for the HTTP clients that post large bodies to model
 * providers and chat platforms. OkHttp writes a request body in 8 KiB pieces and leaves Nagle on: once a request is
 * larger than one piece (a model request with the tools and some history always is), the last piece waits for the
 * acknowledgement of the one before, which the server delays (40 ms on Linux) because it waits for the rest of the
 * request. Measured on loopback: a 50 kB request to the fake Claude took 50 ms with Nagle and 4 ms without.
 */
public final class NoDelaySockets {

    private NoDelaySockets() {
    }

    /** Plain sockets, for OkHttp's {@code socketFactory} (it also carries TLS connections over them). */
    public static SocketFactory plain() {
        return new Plain(SocketFactory.getDefault());
    }

    /**
     * TLS over sockets with Nagle off, with the JVM's default trust, for clients that only let the TLS factory be
     * chosen (Anthropic's SDK): OkHttp hands this factory the plain socket it connected, which is turned off here.
     */
    public static Tls tls() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            X509TrustManager manager = null;
            for (TrustManager candidate : trust.getTrustManagers()) {
                if (candidate instanceof X509TrustManager x509) {
                    manager = x509;
                }
            }
            if (manager == null) {
                throw new IllegalStateException("the JVM has no X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {manager}, null);
            return new Tls(new TlsFactory(context.getSocketFactory()), manager);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default TLS cannot be set up", e);
        }
    }

    /** A TLS socket factory and the trust manager it was made with (OkHttp asks for both). */
    public record Tls(SSLSocketFactory factory, X509TrustManager trustManager) {
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static final class Plain extends SocketFactory {

        private final SocketFactory delegate;

        Plain(SocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    private static final class TlsFactory extends SSLSocketFactory {

        private final SSLSocketFactory delegate;

        TlsFactory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            // the connected plain socket carries the TLS records: Nagle is turned off on it
            return delegate.createSocket(noDelay(socket), host, port, autoClose);
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
