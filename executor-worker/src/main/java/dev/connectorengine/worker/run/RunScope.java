package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.worker.credential.WorkspaceCredentials;
import java.time.Instant;
import java.util.UUID;

/**
 * What every step of one run shares.
 *
 * @param workspaceId the workspace the run belongs to
 * @param spec the connector version being run
 * @param context the templates' document; grows as steps end
 * @param credentials the run's opened credentials
 * @param redactor masks their values in anything written
 * @param deadline when the whole run must be over
 * @param signal how the run is told to stop early
 * @param requestLogs the run's HTTP attempts, stored with its terminal write
 */
record RunScope(
    UUID workspaceId,
    ConnectorSpec spec,
    RunContext context,
    WorkspaceCredentials credentials,
    SecretRedactor redactor,
    Instant deadline,
    RunSignal signal,
    RequestLogBook requestLogs) {}
