package dev.connectorengine.api.credential;

/**
 * The outcome of a credential test call. The target's body is never part of it.
 *
 * @param verified whether the target answered 2xx
 * @param httpStatus the target's status, or null when it did not answer
 * @param latencyMs time from sending to the whole answer, redirects included
 * @param error why it is not verified (the status, a connection failure, a refused token), or null
 */
record CredentialTestResult(boolean verified, Integer httpStatus, long latencyMs, String error) {}
