package dev.connectorengine.api.credential;

/**
 * {@code POST /api/v1/credentials/{service}/test}: where to check the credential.
 *
 * @param url an absolute http(s) URL; the credential is applied as a step's {@code auth} would
 * @param method GET (default), HEAD or POST
 */
record CredentialTestRequest(String url, String method) {}
