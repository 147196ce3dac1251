package dev.connectorengine.api;

import dev.connectorengine.testsupport.FreshDatabase;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops a test class's static {@link FreshDatabase}s after the class. Registered before Spring's
 * extension, it runs after it, so the class's context has closed its pool by then.
 */
public final class FreshDatabaseCloser implements AfterAllCallback {

  @Override
  public void afterAll(ExtensionContext context) throws IllegalAccessException {
    for (Class<?> type = context.getRequiredTestClass();
        type != null;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == FreshDatabase.class) {
          field.setAccessible(true);
          ((FreshDatabase) field.get(null)).close();
        }
      }
    }
  }
}
