package dev.connectorengine.api.auth;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Refuses to start when a handler of {@code /api/v1/**} has no {@link RequiresScope} (or, under
 * {@code /api/v1/admin/**}, no {@link RequiresAdminRole}): a new endpoint cannot ship without a
 * place in the scope table.
 */
@Component
class ScopeCoverageCheck {

  private final RequestMappingHandlerMapping mappings;

  ScopeCoverageCheck(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping m) {
    this.mappings = m;
  }

  @EventListener(ContextRefreshedEvent.class)
  void requireAScopeOnEveryCall() {
    List<String> missing =
        mappings.getHandlerMethods().entrySet().stream()
            .filter(e -> isKeyGuarded(e.getKey()))
            .filter(e -> !e.getValue().hasMethodAnnotation(RequiresScope.class))
            .map(Map.Entry::getValue)
            .map(HandlerMethod::toString)
            .sorted()
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "these API calls have no @RequiresScope, so no key could call them: " + missing);
    }
    List<String> noRole =
        mappings.getHandlerMethods().entrySet().stream()
            .filter(e -> isAdminGuarded(e.getKey()))
            .filter(e -> !e.getValue().hasMethodAnnotation(RequiresAdminRole.class))
            .map(Map.Entry::getValue)
            .map(HandlerMethod::toString)
            .sorted()
            .toList();
    if (!noRole.isEmpty()) {
      throw new IllegalStateException(
          "these admin calls have no @RequiresAdminRole, so no admin could call them: " + noRole);
    }
  }

  /** Whether a mapping is behind the admin check, as {@code AuthConfiguration} puts it. */
  static boolean isAdminGuarded(RequestMappingInfo info) {
    return info.getPatternValues().stream().anyMatch(p -> p.startsWith("/api/v1/admin/"));
  }

  /** Whether a mapping is behind API-key authentication, as {@code AuthConfiguration} puts it. */
  static boolean isKeyGuarded(RequestMappingInfo info) {
    return info.getPatternValues().stream()
        .anyMatch(p -> p.startsWith("/api/v1/") && !p.startsWith("/api/v1/admin/"));
  }
}
