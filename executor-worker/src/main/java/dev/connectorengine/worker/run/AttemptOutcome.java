package dev.connectorengine.worker.run;

/** How one HTTP attempt of a step ended, and whether trying again may help. */
sealed interface AttemptOutcome {

  /** Whether the call was sent (it counts as an attempt); most outcomes were. */
  default boolean sent() {
    return true;
  }

  /** Whether the failure is transient: connection errors, step timeouts, 5xx, 408 and 429. */
  default boolean retryable() {
    return false;
  }

  /** The server answered; any status. */
  record Answered(HttpAnswer answer) implements AttemptOutcome {
    @Override
    public boolean retryable() {
      int status = answer.status();
      return status >= 500 || status == 408 || status == 429;
    }
  }

  /** The connection could not be made or broke. */
  record ConnectionFailed(String error, long latencyMs) implements AttemptOutcome {
    @Override
    public boolean retryable() {
      return true;
    }
  }

  /** The answer's body was over the worker's limit: not read further, and it would be again. */
  record AnswerTooLarge(String error, long latencyMs) implements AttemptOutcome {}

  /** No complete answer within the step's own timeout. */
  record StepTimedOut(long timeoutMs, long latencyMs) implements AttemptOutcome {
    @Override
    public boolean retryable() {
      return true;
    }
  }

  /** The run's deadline came first (during the call, or before it could start). */
  record DeadlineReached(boolean sent, long latencyMs) implements AttemptOutcome {}

  /**
   * The request could not be built (a header the client may not set), or the SSRF guard refused it.
   */
  record Refused(String error) implements AttemptOutcome {
    @Override
    public boolean sent() {
      return false;
    }
  }

  /**
   * The run was told to stop while the call was in flight (the call was aborted), or before it was
   * sent, while it waited for its host's permit.
   */
  record Interrupted(boolean sent, long latencyMs) implements AttemptOutcome {}
}
