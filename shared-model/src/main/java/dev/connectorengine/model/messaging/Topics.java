package dev.connectorengine.model.messaging;

/** The Kafka topics of Connector Engine. */
public final class Topics {

  /** Jobs: one message per execution to run, keyed by execution id. */
  public static final String EXECUTIONS = "connector.executions";

  /** Jobs that cannot be parsed or refer to nothing, with the reason in headers. */
  public static final String EXECUTIONS_DLQ = "connector.executions.dlq";

  /** Every status change of every execution, keyed by execution id. */
  public static final String EXECUTION_EVENTS = "connector.execution.events";

  /** Header naming why a message went to the dead-letter topic. */
  public static final String DLQ_REASON_HEADER = "ce-dlq-reason";

  private Topics() {}
}
