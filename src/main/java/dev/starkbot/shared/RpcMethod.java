package dev.starkbot.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Also offers a REST endpoint as a JSON-RPC method on the WebSocket gateway, so that both doors run the very same
 * code and obey the same permission rule (the endpoint's). Path variables, query parameters and the request body's
 * fields become the method's named parameters.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RpcMethod {

    /** Dotted name such as {@code keys.create}. */
    String value();

    /** One sentence for {@code rpc.discover}. */
    String description() default "";
}
