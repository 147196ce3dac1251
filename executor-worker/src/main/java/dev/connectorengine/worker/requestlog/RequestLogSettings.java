package dev.connectorengine.worker.requestlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request log of runs' HTTP calls ({@code connector-engine.worker.request-logs.*}).
 *
 * @param enabled whether each step attempt is logged, with the run's terminal write ({@code
 *     WORKER_REQUEST_LOGS})
 */
@ConfigurationProperties("connector-engine.worker.request-logs")
public record RequestLogSettings(@DefaultValue("true") boolean enabled) {}
