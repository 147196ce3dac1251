package dev.connectorengine.model.connector;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schema support shared by spec and input validation: draft 2020-12 unless a schema names
 * another dialect, formats asserted (a user writing {@code "format": "email"} expects it checked),
 * and no remote references fetched (the validator's default, which keeps a schema from making the
 * API call arbitrary URLs).
 */
final class JsonSchemas {

  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final int CACHE_SIZE = 256;

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private static final Schema META = REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA));

  // Compiling a schema costs far more than applying it; triggers of one connector reuse it.
  private static final Map<String, Schema> COMPILED =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Schema> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  private JsonSchemas() {}

  /** The errors of a schema against the 2020-12 meta-schema. */
  static List<Error> metaSchemaErrors(JsonNode schema) {
    return META.validate(schema);
  }

  /**
   * Compiles a schema, all keywords included.
   *
   * @throws SchemaException when a keyword cannot be compiled (a bad regex, an unknown reference)
   */
  static Schema compile(JsonNode schema) {
    String key = schema.toString();
    synchronized (COMPILED) {
      Schema cached = COMPILED.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Schema compiled = REGISTRY.getSchema(schema);
    compiled.initializeValidators();
    synchronized (COMPILED) {
      COMPILED.put(key, compiled);
    }
    return compiled;
  }

  /**
   * A field name for a place in a document: {@code prefix.a.b[0]}, with an error's property (as for
   * {@code required}) appended when it names one.
   */
  static String fieldName(String prefix, NodePath location, String property) {
    StringBuilder field = new StringBuilder(prefix);
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < location.getNameCount(); i++) {
      elements.add(location.getElement(i));
    }
    if (property != null && !property.isEmpty()) {
      elements.add(property);
    }
    for (Object element : elements) {
      if (element instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else {
        field.append('.').append(element);
      }
    }
    return field.toString();
  }
}
