package dev.connectorengine.worker.run;

import dev.connectorengine.model.connector.ConnectorSpec;
import dev.connectorengine.model.template.TemplateException;
import dev.connectorengine.model.template.TemplatePath;
import dev.connectorengine.model.template.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The steps whose whole answer later templates read ({@code steps.<id>.response.body} or {@code
 * .headers}). Only those answers are kept once their step is over, in memory and in the step's
 * record (for a resumed run); of every other step a run keeps the extracted output and the status.
 */
final class ResponseReferences {

  private static final Set<String> KEPT_PARTS = Set.of("body", "headers");

  private ResponseReferences() {}

  static Set<String> keptIn(ConnectorSpec spec) {
    List<TemplatePath> paths = new ArrayList<>();
    spec.steps().forEach(step -> paths.addAll(CredentialReferences.paths(step)));
    try {
      paths.addAll(Templates.referencesIn(spec.fieldMappings()));
    } catch (TemplateException e) {
      // The output mapping fails with this message when it renders.
    }
    Set<String> kept = new TreeSet<>();
    for (TemplatePath path : paths) {
      if (path.root().equals("steps")
          && path.segment(1) instanceof String stepId
          && "response".equals(path.segment(2))
          && path.segment(3) instanceof String part
          && KEPT_PARTS.contains(part)) {
        kept.add(stepId);
      }
    }
    return kept;
  }
}
