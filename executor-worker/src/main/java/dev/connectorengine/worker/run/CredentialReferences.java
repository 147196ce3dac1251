package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The services whose credentials a connector needs: its steps' {@code auth} and what its templates
 * read ({@code credentials.<service>}).
 */
final class CredentialReferences {

  private CredentialReferences() {}

  static Set<String> in(ConnectorSpec spec) {
    Set<String> services = new TreeSet<>();
    spec.steps().forEach(step -> services.addAll(in(step)));
    services.addAll(services(Templates.referencesIn(spec.fieldMappings())));
    return services;
  }

  /** The services a step needs: its {@code auth} and those its templates read. */
  static Set<String> in(StepSpec step) {
    Set<String> services = services(paths(step));
    if (step.auth() != null) {
      services.add(step.auth());
    }
    return services;
  }

  /** The services whose {@code accessToken} the step's templates read. */
  static Set<String> accessTokensIn(StepSpec step) {
    Set<String> services = new TreeSet<>();
    for (TemplatePath path : paths(step)) {
      if (path.root().equals("credentials")
          && path.segment(1) instanceof String service
          && "accessToken".equals(path.segment(2))) {
        services.add(service);
      }
    }
    return services;
  }

  /**
   * Every template path in a step's request and, for an action step, its input; none when a
   * template does not parse.
   */
  static List<TemplatePath> paths(StepSpec step) {
    HttpRequestSpec request = step.request();
    if (request == null) {
      return List.of();
    }
    List<TemplatePath> paths = new ArrayList<>();
    try {
      paths.addAll(Templates.referencesIn(step.input()));
      paths.addAll(Templates.referencesIn(request.url()));
      request.headers().values().forEach(value -> paths.addAll(Templates.referencesIn(value)));
      request.query().values().forEach(value -> paths.addAll(Templates.referencesIn(value)));
      paths.addAll(Templates.referencesIn(request.body()));
    } catch (TemplateException e) {
      // The step fails with this message when it renders; it names no credential to load.
    }
    return paths;
  }

  private static Set<String> services(List<TemplatePath> paths) {
    Set<String> services = new TreeSet<>();
    for (TemplatePath path : paths) {
      if (path.root().equals("credentials") && path.segment(1) instanceof String service) {
        services.add(service);
      }
    }
    return services;
  }
}
