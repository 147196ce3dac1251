package dev.connectorengine.worker.run;

import java.net.URI;
import java.util.Map;

/**
 * A step's request with every template rendered, ready to send. Holds credential values.
 *
 * @param body the JSON body text, or null for none
 */
record PreparedRequest(String method, URI uri, Map<String, String> headers, String body) {}
