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

/** The services whose credentials a connector's templates read ({@code credentials.<service>}). */
final class CredentialReferences {

  private CredentialReferences() {}

  static Set<String> in(ConnectorSpec spec) {
    Set<String> services = new TreeSet<>();
    spec.steps().forEach(step -> services.addAll(in(step)));
    services.addAll(services(Templates.referencesIn(spec.fieldMappings())));
    return services;
  }

  static Set<String> in(StepSpec step) {
    HttpRequestSpec request = step.request();
    if (request == null) {
      return Set.of();
    }
    List<TemplatePath> paths = new ArrayList<>();
    try {
      paths.addAll(Templates.referencesIn(request.url()));
      request.headers().values().forEach(value -> paths.addAll(Templates.referencesIn(value)));
      request.query().values().forEach(value -> paths.addAll(Templates.referencesIn(value)));
      paths.addAll(Templates.referencesIn(request.body()));
    } catch (TemplateException e) {
      // The step fails with this message when it renders; it names no credential to load.
    }
    return services(paths);
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
