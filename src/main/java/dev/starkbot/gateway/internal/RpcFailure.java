package dev.starkbot.gateway.internal;

/** A call that ends in a JSON-RPC error object rather than a result. */
class RpcFailure extends RuntimeException {

    private final transient RpcError error;

    RpcFailure(RpcError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    RpcError error() {
        return error;
    }
}
