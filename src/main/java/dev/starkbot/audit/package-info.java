/**
 * The security audit trail: who did what to accounts, keys, settings and secrets, when and from where. Modules
 * record events through {@link dev.starkbot.audit.AuditLog}; admins read them through the API. Entries never hold
 * a secret.
 */
@ApplicationModule(displayName = "Audit")
@NullMarked
package dev.starkbot.audit;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
