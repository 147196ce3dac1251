package dev.connectorengine.worker.periodic;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process after a fatal error, with exit code {@value #EXIT_CODE}, so an orchestrator
 * restarts it. The exit runs on a thread of its own (shutdown stops the failing task, which must
 * not wait on itself); should the orderly shutdown hang (an exhausted heap), the process is halted
 * after {@link #HALT_AFTER}.
 */
public final class ProcessExit {

  /** EX_SOFTWARE: an internal software error. */
  public static final int EXIT_CODE = 70;

  private static final Logger log = LoggerFactory.getLogger(ProcessExit.class);
  private static final Duration HALT_AFTER = Duration.ofSeconds(30);

  private ProcessExit() {}

  /** Logs the error and ends the process. */
  public static void exit(String task, Error error) {
    log.error("{} failed with an error; stopping the process so it is restarted", task, error);
    Thread halt =
        Thread.ofPlatform()
            .daemon()
            .name("halt-after-fatal-error")
            .unstarted(
                () -> {
                  try {
                    Thread.sleep(HALT_AFTER);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  Runtime.getRuntime().halt(EXIT_CODE);
                });
    halt.start();
    Thread.ofPlatform().name("exit-after-fatal-error").start(() -> System.exit(EXIT_CODE));
  }
}
