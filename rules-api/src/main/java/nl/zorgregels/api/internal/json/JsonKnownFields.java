package nl.zorgregels.api.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.zorgregels.model.InvalidInputException;

/**
 * Finds a field the input records do not have, anywhere in a parsed document, before it is bound.
 *
 * <p>Jackson reports an unknown field of a record only after the record has been constructed, so a
 * typo such as {@code assesmentDate} would surface as "assessmentDate is required". Checking the
 * whole document first reports the typo itself. The JSON fields of a record are its components,
 * by name and in declaration order; the check descends into components that are records and into
 * lists of records.
 */
public final class JsonKnownFields {
    /** A record's components by name, in declaration order, with their generic types: reflected once per class. */
    private static final ClassValue<Map<String, Type>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> record) {
            Map<String, Type> components = new LinkedHashMap<>();
            for (RecordComponent c : record.getRecordComponents()) {
                components.put(c.getName(), c.getGenericType());
            }
            return Collections.unmodifiableMap(components);
        }
    };

    private JsonKnownFields() {
    }

    /**
     * @param node the parsed document or a part of it
     * @param type the type it binds to
     * @param path the JSON path of {@code node}, empty for the root
     * @throws InvalidInputException for the first unknown field, in document order
     */
    public static void check(JsonNode node, Type type, String path) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && node.isObject()) {
            Map<String, Type> components = COMPONENTS.get(raw);
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Type component = components.get(field.getKey());
                if (component == null) {
                    throw JsonErrors.unknownField(JsonErrors.child(path, field.getKey()), field.getKey(),
                            new ArrayList<>(components.keySet()));
                }
                JsonNode value = field.getValue();
                if (value.isContainerNode()) { // only objects and arrays can hold a field
                    check(value, component, JsonErrors.child(path, field.getKey()));
                }
            }
        } else if (Collection.class.isAssignableFrom(raw) && node.isArray()
                && type instanceof ParameterizedType collection) {
            Type element = collection.getActualTypeArguments()[0];
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), element, path + "[" + i + "]");
            }
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
