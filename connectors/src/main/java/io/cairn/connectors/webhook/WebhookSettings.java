package io.cairn.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.TextTemplate;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of a "Call webhook" journey node (the reference's custom component): which
 * registered webhook to call, which identity to send, and the values of the webhook's parameters.
 *
 * @param webhook the {@link WebhookEndpoint#id()} of a registered webhook
 * @param idType the identity sent as {@code user_profile.target_id}; one per node, and one the
 *     webhook accepts
 * @param params the parameter values as a JSON object of strings, e.g. {@code {"coupon":"C-10",
 *     "text":"Hi ${first_name}"}}. {@code ${tag}} placeholders are filled with the recipient's tag
 *     values; nothing is evaluated. {@code null} or blank means no parameters
 * @param onEmptyValue what to do when a placeholder has no value for a recipient; {@code null}
 *     means SKIP
 * @param replacement the text used for empty values when {@code onEmptyValue} is REPLACE
 * @throws IllegalArgumentException if the webhook or identity type is missing or {@code params} is
 *     not a JSON object of strings
 */
public record WebhookSettings(
    String webhook,
    IdType idType,
    String params,
    EmptyValuePolicy onEmptyValue,
    String replacement) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public WebhookSettings {
    if (webhook == null || webhook.isBlank()) {
      throw new IllegalArgumentException("webhook: no webhook chosen");
    }
    if (idType == null) {
      throw new IllegalArgumentException("idType: no identity type chosen");
    }
    params = params == null || params.isBlank() ? "{}" : params;
    parse(params);
    onEmptyValue = onEmptyValue == null ? EmptyValuePolicy.SKIP : onEmptyValue;
    replacement = replacement == null ? "" : replacement;
  }

  /** The parameters by name, in the order they were configured. */
  public Map<String, String> parameters() {
    return parse(params);
  }

  /** The names of the variables the parameters use, in order of first appearance. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    for (String value : parameters().values()) {
      names.addAll(TextTemplate.parse(value).variables());
    }
    return Collections.unmodifiableSet(names);
  }

  private static Map<String, String> parse(String params) {
    JsonNode node;
    try {
      node = JSON.readTree(params);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("params: not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("params: not a JSON object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().isBlank()) {
        throw new IllegalArgumentException("params: a parameter has no name");
      }
      if (!e.getValue().isTextual()) {
        throw new IllegalArgumentException("params." + e.getKey() + ": not a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return Collections.unmodifiableMap(out);
  }
}
