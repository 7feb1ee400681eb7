package app.tend.hub.config;

import app.tend.api.InvalidConfigException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a YAML tree to a config record, strictly: unknown keys, wrong types and values a record
 * refuses all become one {@link ConfigException} naming the full key.
 */
public final class ConfigBinder {

  private final ObjectMapper mapper;
  private final Map<String, String> envSources;

  /**
   * @param envSources full key to the environment variable that set it, so errors can name it
   */
  public ConfigBinder(Map<String, String> envSources) {
    this.envSources = Map.copyOf(envSources);
    this.mapper = new ObjectMapper()
        .registerModule(new Jdk8Module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // "8080" from an environment variable is a number; 12.5 is not a whole number, and "yes" is not a boolean.
    mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Array, CoercionAction.Fail);
  }

  /** Binds {@code tree} (may be null: all defaults) found at {@code prefix} to {@code type}. */
  public <T> T bind(JsonNode tree, Class<T> type, String prefix) {
    JsonNode source = tree == null || tree.isNull() ? mapper.createObjectNode() : tree;
    try {
      return mapper.treeToValue(source, type);
    } catch (UnrecognizedPropertyException e) {
      String key = join(prefix, pathOf(e));
      throw new ConfigException("unknown key '" + key + "'" + known(e.getKnownPropertyIds()));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      String at = join(prefix, pathOf(e));
      if (cause instanceof InvalidConfigException invalid) {
        String key = join(at, invalid.key());
        throw new ConfigException(source(key) + ": " + InvalidConfigException.render(invalid.value())
            + " is not valid: expected " + invalid.expected());
      }
      throw new ConfigException(source(at) + ": " + (cause == null ? e.getOriginalMessage() : cause.getMessage()));
    } catch (InvalidFormatException e) {
      String key = join(prefix, pathOf(e));
      throw new ConfigException(source(key) + ": " + InvalidConfigException.render(e.getValue())
          + " is not valid: expected " + describe(e.getTargetType()));
    } catch (MismatchedInputException e) {
      String key = join(prefix, pathOf(e));
      throw new ConfigException(source(key) + ": wrong type: expected " + describe(e.getTargetType()));
    } catch (JsonMappingException e) {
      String key = join(prefix, pathOf(e));
      throw new ConfigException(source(key) + ": " + e.getOriginalMessage());
    } catch (Exception e) {
      throw new ConfigException((prefix.isEmpty() ? "config" : prefix) + ": " + e.getMessage());
    }
  }

  /** The mapper used for binding, for callers that need to build trees. */
  public ObjectMapper mapper() {
    return mapper;
  }

  private String source(String key) {
    String env = envSources.get(key);
    return env == null ? key : key + " (from " + env + ")";
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  static String join(String prefix, String key) {
    if (prefix == null || prefix.isEmpty()) {
      return key;
    }
    if (key == null || key.isEmpty()) {
      return prefix;
    }
    return key.startsWith("[") ? prefix + key : prefix + "." + key;
  }

  private static String known(Collection<Object> ids) {
    if (ids == null || ids.isEmpty()) {
      return " (this section takes no keys)";
    }
    return " (known keys: " + ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a section of keys";
    }
    return "a " + type.getSimpleName();
  }
}
