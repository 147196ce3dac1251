package dev.connectorengine.api.template;

import java.util.Map;

/**
 * {@code POST /api/v1/templates/{id}/install}.
 *
 * @param name the new connector's name; the template's when absent
 * @param credentialMapping the template's service name to the workspace's, for services named
 *     differently here; the others keep their names
 */
record InstallRequest(String name, Map<String, String> credentialMapping) {}
