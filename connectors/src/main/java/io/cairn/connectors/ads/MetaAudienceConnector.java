package io.cairn.connectors.ads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.Outcome;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Adds a journey action's members to a Meta custom audience through the Marketing API.
 *
 * <h2>Requests</h2>
 *
 * <p>Each member's address is normalised and SHA-256 hashed ({@link AdPlatform#META}); a delivery
 * is one upload session of requests of at most {@link MetaGraphApi#idsPerRequest()} identities:
 *
 * <pre>{@code
 * POST {baseUrl}/{version}/{audience_id}/users
 * Authorization: Bearer <access token>
 * {"payload":{"schema":["EMAIL_SHA256"],"data":[["<sha256>"],["<sha256>"]]},
 *  "session":{"session_id":<n>,"batch_seq":1,"last_batch_flag":false,"estimated_num_total":25000}}
 * }</pre>
 *
 * <p>{@code PHONE_SHA256} for mobiles. The session id is derived from the batch's idempotency keys,
 * so the ledger sending the same batch again reuses it. Answer: {@code num_received}, {@code
 * num_invalid_entries} and {@code invalid_entry_samples}, reported to the {@link
 * AudienceUploadListener}.
 *
 * <h2>Outcomes</h2>
 *
 * <ul>
 *   <li>An address that cannot be normalised: {@link Outcome.Rejected} {@code invalid-identity},
 *       not uploaded.
 *   <li>A request answered 2xx: {@link Outcome.Sent} ({@code session/seq}) for its members, except
 *       those whose hash Meta lists among the invalid samples ({@link Outcome.Rejected} {@code
 *       invalid-entry}).
 *   <li>A request throttled (HTTP 429, or Meta's rate-limit and transient error codes) or failing
 *       with 5xx, or not reached: {@link Outcome.Retryable}; no answer after it went out, or an
 *       unreadable 2xx: {@link Outcome.Ambiguous}; any other error: {@link Outcome.Rejected} with
 *       Meta's error code.
 *   <li>After a failed request the session stops: the members of later requests are {@link
 *       Outcome.Retryable}, never sent.
 * </ul>
 *
 * <p>Never retries, never throws from {@link #deliver}, logs nothing. Thread-safe.
 */
public final class MetaAudienceConnector implements ChannelConnector<MetaAudienceSettings> {

  /** The connector id. */
  public static final String ID = "ads.meta";

  // Meta's codes for throttling and temporary failures, answered with HTTP 400 as well.
  private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2, 4, 17, 32, 341, 613, 80003);

  private final AdsHttp http;
  private final MetaGraphApi api;
  private final Supplier<String> accessToken;
  private final AudienceUploadListener listener;

  /**
   * @param shared the application's shared client ({@code OutboundHttp.newSharedClient()})
   * @param api where Meta's API is and how to batch
   * @param accessToken a valid token of a system user with access to the ad account, asked for on
   *     every request
   * @param listener receives each upload's counts
   */
  public MetaAudienceConnector(
      OkHttpClient shared,
      MetaGraphApi api,
      Supplier<String> accessToken,
      AudienceUploadListener listener) {
    this.api = Objects.requireNonNull(api, "api");
    this.http = new AdsHttp(shared, api.timeout());
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.listener = listener == null ? AudienceUploadListener.NONE : listener;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Channel channel() {
    return Channel.ADS;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(IdType.EMAIL, IdType.MOBILE);
  }

  @Override
  public IdType idTypeFor(MetaAudienceSettings settings) {
    return settings == null ? IdType.EMAIL : settings.idType();
  }

  @Override
  public Class<MetaAudienceSettings> settingsType() {
    return MetaAudienceSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return api.maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<MetaAudienceSettings> batch) {
    MetaAudienceSettings settings = batch.settings();
    if (settings == null || settings.audienceId().isEmpty()) {
      return BatchOutcome.all(
          batch.messages(), new Outcome.Rejected("no-audience", "the node has no audience id"));
    }
    if (!acceptedIds().contains(settings.idType())) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected(
              "unsupported-id-type", "Meta does not match on " + settings.idType().code()));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    List<HashedMember> members =
        HashedMember.of(
            batch.messages(), AdPlatform.META, settings.idType(), api.defaultCallingCode(), out);
    if (!members.isEmpty()) {
      upload(batch, settings, members, out);
    }
    return new BatchOutcome(out);
  }

  private void upload(
      DeliveryBatch<MetaAudienceSettings> batch,
      MetaAudienceSettings settings, List<HashedMember> members, Map<String, Outcome> out) {
    long session = HashedMember.sessionId(members);
    HttpUrl url =
        HttpUrl.get(api.baseUrl())
            .newBuilder()
            .addPathSegment(api.apiVersion())
            .addPathSegment(settings.audienceId())
            .addPathSegment("users")
            .build();
    String schema = settings.idType() == IdType.EMAIL ? "EMAIL_SHA256" : "PHONE_SHA256";
    List<List<HashedMember>> requests = HashedMember.chunks(members, api.idsPerRequest());
    long uploaded = 0;
    long received = 0;
    long invalid = 0;
    boolean failed = false;
    for (int i = 0; i < requests.size(); i++) {
      List<HashedMember> chunk = requests.get(i);
      if (failed) {
        HashedMember.putAll(
            out, chunk, new Outcome.Retryable("not sent: an earlier request of the upload failed"));
        continue;
      }
      String ref = session + "/" + (i + 1);
      ObjectNode body = AdsHttp.JSON.createObjectNode();
      ObjectNode payload = body.putObject("payload");
      payload.putArray("schema").add(schema);
      ArrayNode data = payload.putArray("data");
      chunk.forEach(m -> data.addArray().add(m.hash()));
      body.putObject("session")
          .put("session_id", session)
          .put("batch_seq", i + 1)
          .put("last_batch_flag", i == requests.size() - 1)
          .put("estimated_num_total", members.size());
      AdsHttp.Reply reply =
          http.post(url, Map.of("Authorization", "Bearer " + accessToken.get()), body);
      if (reply instanceof AdsHttp.Answer a
          && a.ok()
          && a.body() != null
          && a.body().has("num_received")) {
        uploaded += chunk.size();
        received += a.body().path("num_received").asLong();
        invalid += a.body().path("num_invalid_entries").asLong();
        Set<String> samples = invalidSamples(a.body().path("invalid_entry_samples"));
        for (HashedMember m : chunk) {
          out.put(
              m.key(),
              samples.contains(m.hash())
                  ? new Outcome.Rejected("invalid-entry", "Meta reported the entry invalid")
                  : new Outcome.Sent(ref));
        }
      } else {
        failed = true;
        HashedMember.putAll(out, chunk, failure(reply));
      }
    }
    if (uploaded > 0) {
      listener.uploaded(
          batch,
          new AudienceUploadReport(
              ID,
              settings.audienceId(),
              String.valueOf(session),
              uploaded,
              received,
              invalid,
              null));
    }
  }

  private static Outcome failure(AdsHttp.Reply reply) {
    if (reply instanceof AdsHttp.NotReached n) {
      return new Outcome.Retryable("Meta not reached: " + n.reason());
    }
    if (reply instanceof AdsHttp.NoAnswer n) {
      return new Outcome.Ambiguous("no answer from Meta: " + n.reason());
    }
    AdsHttp.Answer a = (AdsHttp.Answer) reply;
    if (a.ok()) {
      return new Outcome.Ambiguous("unreadable answer from Meta");
    }
    JsonNode error = a.body() == null ? null : a.body().get("error");
    boolean transientError =
        error != null
            && (error.path("is_transient").asBoolean(false)
                || TRANSIENT_CODES.contains(error.path("code").asInt(-1)));
    if (a.transientFailure() || transientError) {
      return new Outcome.Retryable("Meta answered HTTP " + a.status());
    }
    String code = error != null && error.has("code") ? error.get("code").asText() : null;
    String message = error != null ? error.path("message").asText("") : "";
    return new Outcome.Rejected(
        code != null ? code : String.valueOf(a.status()),
        HashedMember.shorten(
            ("Meta refused the request: HTTP " + a.status() + " " + message).strip()));
  }

  /**
   * The hashes Meta quotes as invalid, in either shape it uses: an object keyed by entry, or a
   * list.
   */
  private static Set<String> invalidSamples(JsonNode samples) {
    Set<String> hashes = new HashSet<>();
    if (samples.isObject()) {
      samples.fieldNames().forEachRemaining(hashes::add);
    } else if (samples.isArray()) {
      for (JsonNode s : samples) {
        if (s.isArray()) {
          s.forEach(v -> hashes.add(v.asText()));
        } else {
          hashes.add(s.asText());
        }
      }
    }
    return hashes;
  }

  @Override
  public String toString() {
    return "MetaAudienceConnector[" + api.baseUrl() + "/" + api.apiVersion() + "]";
  }
}
