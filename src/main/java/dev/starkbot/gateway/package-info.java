/**
 * The real-time control plane: a WebSocket at {@code /ws} speaking JSON-RPC 2.0. Every REST endpoint marked
 * {@link dev.starkbot.shared.RpcMethod} is also a method here, invoked through the very same controller method and
 * authorised by the same permission matrix, so the two doors cannot drift apart. This module maps errors to
 * JSON-RPC error objects in one place, and bounds everything a client can make it hold: frame size, nesting,
 * batch size, requests in flight, request rate, and the queue of messages waiting to be sent.
 */
@ApplicationModule(displayName = "Gateway")
@NullMarked
package dev.starkbot.gateway;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
