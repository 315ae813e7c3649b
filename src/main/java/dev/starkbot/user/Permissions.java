package dev.starkbot.user;

/**
 * The permission matrix as a question, for doors other than HTTP: may this principal make this request? The
 * WebSocket gateway asks it for the HTTP endpoint behind each JSON-RPC method, so both doors obey one matrix.
 */
public interface Permissions {

    boolean allows(Principal principal, String httpMethod, String path);
}
