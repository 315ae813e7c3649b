package dev.starkbot.user;

/**
 * Who is calling, as established from a session or an API key. {@code role} is the effective role: for an API key,
 * the narrower of the key's scope and its owner's current role.
 *
 * @param credentialId the session's or API key's id, so that "log out" and "revoke" know which one is in use
 */
public record Principal(String userId, String username, Role role, CredentialKind credential, String credentialId) {

    public enum CredentialKind {
        /** A dashboard session carried in a cookie; unsafe requests need a CSRF token. */
        SESSION_COOKIE,
        /** A session token sent as {@code Authorization: Bearer}. */
        SESSION_BEARER,
        /** A long-lived API key sent as {@code Authorization: Bearer sbk_...}. */
        API_KEY
    }

    public boolean can(Role needed) {
        return role.includes(needed);
    }
}
