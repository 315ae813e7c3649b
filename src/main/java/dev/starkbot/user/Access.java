package dev.starkbot.user;

/** The levels of the permission matrix, from open to narrow. */
public enum Access {
    /** Anyone, signed in or not: health, login, registration, first-run setup. */
    PUBLIC,
    /** Guarded by its own credential check rather than by accounts (the metrics token). */
    OWN_GUARD,
    /** Any signed-in user, readonly included, managing their own credentials (log out, sessions, password). */
    SELF,
    /** Any signed-in user, readonly included, reading their own data. */
    READ,
    /** Users and admins changing their own data; never readonly. */
    WRITE,
    /** Admins only. */
    ADMIN;

    /** Whether a signed-in principal with this role passes; PUBLIC and OWN_GUARD pass anyone. */
    public boolean allows(Role role) {
        return switch (this) {
            case PUBLIC, OWN_GUARD, SELF, READ -> true;
            case WRITE -> role.includes(Role.USER);
            case ADMIN -> role.includes(Role.ADMIN);
        };
    }

    public boolean anonymous() {
        return this == PUBLIC || this == OWN_GUARD;
    }
}
