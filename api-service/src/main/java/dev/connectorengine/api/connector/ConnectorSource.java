package dev.connectorengine.api.connector;

import dev.connectorengine.model.connector.ConnectorSpec;

/**
 * What a connector is made of apart from its switches and statistics: what a template copies from a
 * connector and installs into a new one.
 *
 * @param spec the current version's spec
 */
public record ConnectorSource(
    String name, String description, String category, ConnectorSpec spec) {}
