package dev.connectorengine.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records the SQL the application's repositories send through its {@link JdbcClient} on the calling
 * thread (MockMvc serves a request on the test's thread). Add it with {@code @Import}.
 */
public class StatementRecorder implements BeanPostProcessor {

  private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    if (!(bean instanceof JdbcClient client)) {
      return bean;
    }
    return Proxy.newProxyInstance(
        JdbcClient.class.getClassLoader(),
        new Class<?>[] {JdbcClient.class},
        (proxy, method, args) -> {
          List<String> statements = recording.get();
          if (statements != null && method.getName().equals("sql")) {
            statements.add((String) args[0]);
          }
          try {
            return method.invoke(client, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The statements {@code action} sent, in order. */
  public List<String> during(Runnable action) {
    List<String> statements = new ArrayList<>();
    recording.set(statements);
    try {
      action.run();
    } finally {
      recording.remove();
    }
    return statements;
  }
}
