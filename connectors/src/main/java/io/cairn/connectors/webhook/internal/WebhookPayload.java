package io.cairn.connectors.webhook.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.content.TextTemplate;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The body of one webhook request, all values strings:
 *
 * <pre>{@code
 * {"user_profile":{"target_type":"MOBILE","target_id":"+8613800000000"},
 *  "params":{"coupon":"C-10","text":"Hi Ana"},
 *  "vars":{"first_name":"Ana"},
 *  "callback_params":{"message_id":"<idempotency key>","webhook_id":"crm","send_time":"<ms>"}}
 * }</pre>
 *
 * <p>{@code params} carry the node's parameters with their placeholders filled in; {@code vars} the
 * values used for them (the replacement text where a value was empty). {@code callback_params} must
 * come back unchanged in the receipt. The reference product instead sends the parameters with their
 * placeholders and the values in {@code params.vars}; Cairn renders them, so a receiver needs no
 * template engine, and keeps {@code vars} beside {@code params} so that a parameter named {@code
 * vars} cannot collide.
 */
public final class WebhookPayload {

  /** {@code callback_params} key of the message's idempotency key. */
  public static final String MESSAGE_ID = "message_id";

  /** {@code callback_params} key of the webhook's id. */
  public static final String WEBHOOK_ID = "webhook_id";

  /** {@code callback_params} key of the send time, Unix milliseconds. */
  public static final String SEND_TIME = "send_time";

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  /** Parameters with their placeholders filled in, and the values used. */
  public record Rendered(Map<String, String> params, Map<String, String> vars) {}

  /**
   * Fills in the parameters for one recipient.
   *
   * @return empty when a value is missing and the policy is SKIP
   */
  public static Optional<Rendered> render(
      Map<String, TextTemplate> params,
      Map<String, String> values,
      EmptyValuePolicy policy,
      String replacement) {
    Map<String, String> rendered = new LinkedHashMap<>();
    Map<String, String> vars = new TreeMap<>();
    for (Map.Entry<String, TextTemplate> p : params.entrySet()) {
      Optional<String> text = p.getValue().render(values, policy, replacement);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      rendered.put(p.getKey(), text.get());
      for (String v : p.getValue().variables()) {
        String value = values.get(v);
        vars.put(v, value == null || value.isBlank() ? replacement : value);
      }
    }
    return Optional.of(new Rendered(rendered, vars));
  }

  /** The reference's {@code target_type} of an identity type: upper case, words split by _. */
  public static String targetType(IdType idType) {
    return switch (idType) {
      case OPENID -> "OPEN_ID";
      case UNIONID -> "UNION_ID";
      default -> idType.name();
    };
  }

  /** The UTF-8 JSON body. */
  public static byte[] body(
      IdType idType,
      String targetId,
      Rendered rendered,
      String messageId,
      String webhookId,
      Instant sendTime) {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("user_profile")
        .put("target_type", targetType(idType))
        .put("target_id", targetId);
    ObjectNode params = root.putObject("params");
    rendered.params().forEach(params::put);
    ObjectNode vars = root.putObject("vars");
    rendered.vars().forEach(vars::put);
    root.putObject("callback_params")
        .put(MESSAGE_ID, messageId)
        .put(WEBHOOK_ID, webhookId)
        .put(SEND_TIME, String.valueOf(sendTime.toEpochMilli()));
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }
}
