package dev.connectorengine.api.openapi;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.connectorengine.model.connector.HttpRequestSpec;
import dev.connectorengine.model.connector.StepSpec;
import dev.connectorengine.model.execution.ExecutionView;
import dev.connectorengine.model.execution.StepRecord;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Says which fields of our records are always there: a primitive component, one marked
 * {@code @Schema(requiredMode = REQUIRED)} (a request's validated fields, a response's non-null
 * ones), or one of the shared model's listed below (that module knows nothing of OpenAPI). Every
 * other field may be null, and the schema says so: {@code type: [string, "null"]}. A component
 * marked {@code @JsonUnwrapped} lends its own record's fields to the schema.
 */
@Component
class RecordSchemas implements ModelConverter {

  private static final Map<Class<?>, Set<String>> SHARED_MODEL_REQUIRED =
      Map.of(
          StepSpec.class, Set.of("id", "request"),
          HttpRequestSpec.class, Set.of("method", "url"),
          StepRecord.class, Set.of("id", "name", "status"),
          ExecutionView.class,
              Set.of("id", "connectorId", "status", "steps", "input", "createdAt"));

  @Override
  public Schema<?> resolve(
      AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
    Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
    Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
    if (resolved == null
        || !raw.isRecord()
        || !raw.getPackageName().startsWith("dev.connectorengine.")) {
      return resolved;
    }
    Schema<?> model = resolved;
    if (resolved.get$ref() != null) {
      String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
      model = context.getDefinedModels().get(name);
    }
    if (model != null && model.getProperties() != null) {
      describe(raw, model);
    }
    return resolved;
  }

  private static void describe(Class<?> record, Schema<?> model) {
    List<String> required = new ArrayList<>();
    describe(record, model, required);
    model.setRequired(required.isEmpty() ? null : required);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void describe(Class<?> record, Schema<?> model, List<String> required) {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getType().isRecord()
          && component.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
        describe(component.getType(), model, required);
        continue;
      }
      Schema property = model.getProperties().get(component.getName());
      if (property == null) {
        continue;
      }
      if (isRequired(record, component)) {
        required.add(component.getName());
      } else if (property.getTypes() != null && !property.getTypes().contains("null")) {
        Set<String> types = new LinkedHashSet<>(property.getTypes());
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
          property.addEnumItemObject(null);
        }
      }
    }
  }

  private static boolean isRequired(Class<?> record, RecordComponent component) {
    // @Schema does not target record components: javac puts it on the accessor.
    io.swagger.v3.oas.annotations.media.Schema annotation =
        component.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
    return component.getType().isPrimitive()
        || (annotation != null && annotation.requiredMode() == RequiredMode.REQUIRED)
        || SHARED_MODEL_REQUIRED.getOrDefault(record, Set.of()).contains(component.getName());
  }
}
