/**
 * Small, open building blocks that every module may use: the base exception and its kinds, a secret type that
 * never prints its value, where StarkBot keeps its files, the orderly exit on SIGTERM and SIGINT, and sockets
 * with Nagle's algorithm off for the HTTP clients that post large bodies.
 */
@ApplicationModule(displayName = "Shared", type = ApplicationModule.Type.OPEN)
@NullMarked
package dev.starkbot.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
