package dev.connectorengine.api.credential;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/credentials/{service}/test}: where to check the credential.
 *
 * @param url an absolute http(s) URL; the credential is applied as a step's {@code auth} would
 * @param method GET (default), HEAD or POST
 */
record CredentialTestRequest(@Schema(requiredMode = REQUIRED) String url, String method) {}
