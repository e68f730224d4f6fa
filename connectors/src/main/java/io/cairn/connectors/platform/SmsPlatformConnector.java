package io.cairn.connectors.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.platform.internal.PlatformHttp;
import io.cairn.connectors.platform.internal.SendOutcomes;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsText;
import io.cairn.connectors.sms.SmsType;
import java.util.Objects;
import java.util.Set;
import okhttp3.OkHttpClient;

/**
 * Sends SMS through a third-party platform that implements the reference product's platform
 * contract ("第三方短信平台接口"): one {@code sendBatch} request per batch, the text being the platform's
 * approved template filled with each recipient's values.
 *
 * <h2>Request</h2>
 *
 * <pre>{@code
 * POST {prefix}/sms/sendBatch
 * Content-Type: application/json; charset=utf-8
 * {apiKeyHeader}: {apiKey}                       (X-Api-Key unless configured)
 *
 * {"outId":"<hex SHA-256 of the batch's keys, sorted>",
 *  "signName":"Cairn", "templateCode":"SMS_0001", "templateType":2, "limit":3,
 *  "recipients":[{"outId":"<idempotency key>","phoneNum":"<mobile>",
 *                 "templateParam":{"name":"Ann"}}, ...]}
 * }</pre>
 *
 * <p>Where Cairn departs from the reference's contract, and why: the reference posts recipients as
 * a file ({@code phoneOssUrl}) with one {@code outId} and one {@code templateParam} for the whole
 * batch, which can carry neither per-recipient idempotency nor per-recipient variables. Cairn sends
 * the recipients inline, each with its own {@code outId} (the ledger's idempotency key, {@code
 * <actionId>-<entityId>}, unchanged when the ledger sends it again; a platform must accept each
 * {@code outId} at most once) and its own {@code templateParam} (the recipient's values of the
 * variables in the node's text, which mirrors the platform template). The top-level {@code outId}
 * stays as the contract's batch serial. {@code signName} is the node's signature without 【】; {@code
 * templateType} is 1 for NOTIFICATION and 2 for PROMOTIONAL (the contract's codes). The opt-out
 * suffix of promotional texts is part of the approved template: {@link
 * SmsPlatformClient#submitTemplate} appends it, and the settings check refuses a promotional node
 * whose template lacks it.
 *
 * <h2>Answer</h2>
 *
 * <pre>{@code
 * 200/201 {"platformName":"<name>","code":"OK","message":"","requestId":"...","bizId":"<receipt>",
 *          "rejected":[{"outId":"<key>","code":"<platform code>","message":"<why>"}]}
 * }</pre>
 *
 * {@code rejected} is Cairn's optional extension for recipients the platform refused at once (an
 * invalid number); every other recipient of an {@code OK} answer was accepted.
 *
 * <h2>Outcomes</h2>
 *
 * <ul>
 *   <li>2xx with {@code code} {@code OK}: {@link Outcome.Sent} with the {@code bizId}, or {@link
 *       Outcome.Rejected} for a recipient listed in {@code rejected}.
 *   <li>2xx with another {@code code}: {@link Outcome.Rejected} for the batch with that code and
 *       message (the platform refused it: template or signature not approved, …).
 *   <li>2xx naming another {@code platformName} than configured, or a body that is not a JSON
 *       object: {@link Outcome.Ambiguous} (something took the batch; nothing says what it did).
 *   <li>429 and 5xx: {@link Outcome.Retryable}; other statuses (401, 403, 404, 3xx: redirects are
 *       never followed): {@link Outcome.Rejected} with the status as code.
 *   <li>No connection before the request was written: {@link Outcome.Retryable}. A failure after
 *       (read time-out, reset, cut-off answer): {@link Outcome.Ambiguous}.
 *   <li>A node without signature or template code: {@link Outcome.Rejected} for the batch, nothing
 *       sent (journey validation reports it before deployment).
 * </ul>
 *
 * <p>Delivery reports are pulled with {@link SmsPlatformClient#reports}. Never retries, never
 * throws from {@link #deliver}, logs nothing (numbers and values are personal data). Thread-safe.
 */
public final class SmsPlatformConnector implements ChannelConnector<SmsSettings> {

  /** The connector id. */
  public static final String ID = "sms.platform";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PlatformHttp http;

  /**
   * @param shared the application's shared client; this connector derives its own from it with the
   *     endpoint's timeout (replacing any event listener)
   * @param endpoint the platform
   */
  public SmsPlatformConnector(OkHttpClient shared, PlatformEndpoint endpoint) {
    this.http = new PlatformHttp(shared, Objects.requireNonNull(endpoint, "endpoint"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(IdType.MOBILE);
  }

  @Override
  public Class<SmsSettings> settingsType() {
    return SmsSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return http.endpoint().maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<SmsSettings> batch) {
    SmsSettings settings = batch.settings();
    String sign = settings == null ? "" : signName(settings.signature());
    if (settings == null || settings.templateCode() == null || sign.isEmpty()) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected(
              "no-template", "the SMS platform needs the node's template code and signature"));
    }
    ObjectNode body = MAPPER.createObjectNode();
    body.put("outId", SendOutcomes.batchOutId(batch.messages()))
        .put("signName", sign)
        .put("templateCode", settings.templateCode())
        .put("templateType", templateType(settings.type()))
        .put("limit", batch.messages().size());
    ArrayNode recipients = body.putArray("recipients");
    for (OutboundMessage m : batch.messages()) {
      ObjectNode r = recipients.addObject().put("outId", m.idempotencyKey());
      r.put("phoneNum", m.address());
      ObjectNode params = r.putObject("templateParam");
      m.variables().forEach(params::put);
    }
    PlatformHttp.Reply reply = http.post(http.endpoint().url("sms", "sendBatch"), body);
    return new BatchOutcome(SendOutcomes.of(batch.messages(), reply, http));
  }

  /** The contract's template type code of an SMS type. */
  static int templateType(SmsType type) {
    return type == SmsType.PROMOTIONAL ? 2 : 1;
  }

  /** The signature as the platform names it: what {@link SmsText} puts between 【】. */
  static String signName(String signature) {
    String signed = SmsText.withSignature(signature, "");
    return signed.isEmpty() ? "" : signed.substring(1, signed.length() - 1);
  }

  @Override
  public String toString() {
    return "SmsPlatformConnector[" + http.endpoint() + "]";
  }
}
