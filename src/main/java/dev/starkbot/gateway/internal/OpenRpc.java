package dev.starkbot.gateway.internal;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code rpc.discover} answer: an OpenRPC 1.3 document of every method and its parameters. */
final class OpenRpc {

    private OpenRpc() {
    }

    static ObjectNode describe(Map<String, RpcEndpoint> endpoints, JsonMapper json) {
        ObjectNode document = json.createObjectNode();
        document.put("openrpc", "1.3.2");
        document.putObject("info").put("title", "StarkBot control plane").put("version", "1");
        ArrayNode methods = document.putArray("methods");
        ObjectNode auth = methods.addObject().put("name", "auth")
                .put("description", "Authenticate this connection with a session token or API key")
                .put("paramStructure", "by-name");
        auth.putArray("params").addObject().put("name", "token").put("required", true)
                .putObject("schema").put("type", "string");
        auth.putObject("result").put("name", "principal").putObject("schema").put("type", "object");
        methods.addObject().put("name", "rpc.discover").put("description", "This document")
                .put("paramStructure", "by-name").putArray("params");
        ObjectNode subscribe = methods.addObject().put("name", "subscribe")
                .put("description", "Receive the events of these topics; answers each topic's current seq")
                .put("paramStructure", "by-name");
        topicsParam(subscribe, json);
        ObjectNode unsubscribe = methods.addObject().put("name", "unsubscribe")
                .put("description", "Stop receiving the events of these topics").put("paramStructure", "by-name");
        topicsParam(unsubscribe, json);
        ArrayNode resume = methods.addObject().put("name", "resume")
                .put("description", "Subscribe and receive what was missed after afterSeq, or a gap event")
                .put("paramStructure", "by-name").putArray("params");
        resume.addObject().put("name", "topic").put("required", true).putObject("schema").put("type", "string");
        resume.addObject().put("name", "afterSeq").put("required", true).putObject("schema").put("type", "integer");
        for (RpcEndpoint endpoint : endpoints.values()) {
            ObjectNode method = methods.addObject().put("name", endpoint.name())
                    .put("description", endpoint.description().isEmpty()
                            ? endpoint.httpMethod() + " " + endpoint.pattern() : endpoint.description())
                    .put("paramStructure", "by-name");
            ArrayNode params = method.putArray("params");
            for (RpcEndpoint.RpcParam param : endpoint.params()) {
                params.addObject().put("name", param.name()).put("required", param.required())
                        .set("schema", schema(param.type(), json));
            }
            method.putObject("result").put("name", "result").putObject("schema");
        }
        return document;
    }

    private static void topicsParam(ObjectNode method, JsonMapper json) {
        ObjectNode schema = method.putArray("params").addObject().put("name", "topics").put("required", true)
                .putObject("schema").put("type", "array");
        ArrayNode names = schema.putObject("items").put("type", "string").putArray("enum");
        Topics.ALL.stream().sorted().forEach(names::add);
    }

    private static ObjectNode schema(Class<?> type, JsonMapper json) {
        ObjectNode schema = json.createObjectNode();
        if (type == String.class) {
            schema.put("type", "string");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            schema.put("type", "integer");
        } else if (type == boolean.class || type == Boolean.class) {
            schema.put("type", "boolean");
        } else if (type == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type.isEnum()) {
            ArrayNode values = schema.put("type", "string").putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(json.valueToTree(constant).asString());
            }
        } else {
            schema.put("type", "object");
        }
        return schema;
    }
}
