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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Adds a journey action's members to a Google Ads Customer Match user list through the
 * OfflineUserDataJobService (REST). One delivery is one job:
 *
 * <pre>{@code
 * POST {baseUrl}/{version}/customers/{customerId}/offlineUserDataJobs:create
 *   {"job":{"type":"CUSTOMER_MATCH_USER_LIST",
 *           "customerMatchUserListMetadata":{"userList":"customers/{customerId}/userLists/{id}"}}}
 *   → {"resourceName":"customers/{customerId}/offlineUserDataJobs/{jobId}"}
 * POST {baseUrl}/{version}/{job}:addOperations        (per operationsPerRequest identities)
 *   {"enablePartialFailure":true,
 *    "operations":[{"create":{"userIdentifiers":[{"hashedEmail":"<sha256>"}]}}, …]}
 * POST {baseUrl}/{version}/{job}:run   {}
 * headers: Authorization: Bearer <token>, developer-token, login-customer-id (if configured)
 * }</pre>
 *
 * <p>Emails are normalised the Google way (gmail dots and {@code +suffix} dropped), phones to E.164
 * ({@code hashedPhoneNumber}); see {@link AdPlatform#GOOGLE_ADS}.
 *
 * <h2>Outcomes</h2>
 *
 * <p>Nothing reaches the list before {@code run}: a job that is never run is discarded. So every
 * failure of {@code create} or {@code addOperations}, even one without an answer, is {@link
 * Outcome.Retryable} for the whole batch, except an error answer that is neither throttling (429)
 * nor a server error, which is {@link Outcome.Rejected} with Google's status (e.g. {@code
 * PERMISSION_DENIED}). Operations that {@code addOperations} reports as partial failures are {@link
 * Outcome.Rejected} with Google's error code. Then {@code run}: 2xx is {@link Outcome.Sent} (the
 * job's resource name), 429/5xx or not reached {@link Outcome.Retryable}, another error {@link
 * Outcome.Rejected}, no answer after it went out {@link Outcome.Ambiguous} (the job may be
 * running). Addresses that cannot be normalised are {@link Outcome.Rejected} {@code
 * invalid-identity} and never uploaded. Google reports the match rate only when the job has run,
 * hours later: the {@link AudienceUploadReport} has no matched count.
 *
 * <p>Never retries, never throws from {@link #deliver}, logs nothing. Thread-safe.
 */
public final class GoogleAdsAudienceConnector
    implements ChannelConnector<GoogleAdsAudienceSettings> {

  /** The connector id. */
  public static final String ID = "ads.google";

  private final AdsHttp http;
  private final GoogleAdsApi api;
  private final Supplier<String> accessToken;
  private final AudienceUploadListener listener;

  /**
   * @param shared the application's shared client ({@code OutboundHttp.newSharedClient()})
   * @param api where the Google Ads API is and how to batch
   * @param accessToken a valid OAuth 2 access token for the {@code adwords} scope, asked for on
   *     every request (the application refreshes it)
   * @param listener receives each upload's counts
   */
  public GoogleAdsAudienceConnector(
      OkHttpClient shared,
      GoogleAdsApi api,
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
  public IdType idTypeFor(GoogleAdsAudienceSettings settings) {
    return settings == null ? IdType.EMAIL : settings.idType();
  }

  @Override
  public Class<GoogleAdsAudienceSettings> settingsType() {
    return GoogleAdsAudienceSettings.class;
  }

  @Override
  public int maxBatchSize() {
    return api.maxBatchSize();
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<GoogleAdsAudienceSettings> batch) {
    GoogleAdsAudienceSettings s = batch.settings();
    if (s == null || !s.customerId().matches("[0-9]+") || s.userListId().isEmpty()) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected("no-user-list", "the node has no customer id and user list id"));
    }
    if (!acceptedIds().contains(s.idType())) {
      return BatchOutcome.all(
          batch.messages(),
          new Outcome.Rejected(
              "unsupported-id-type", "Google Ads does not match on " + s.idType().code()));
    }
    Map<String, Outcome> out = new LinkedHashMap<>();
    List<HashedMember> members =
        HashedMember.of(
            batch.messages(), AdPlatform.GOOGLE_ADS, s.idType(), api.defaultCallingCode(), out);
    if (!members.isEmpty()) {
      upload(batch, s, members, out);
    }
    return new BatchOutcome(out);
  }

  private void upload(
      DeliveryBatch<GoogleAdsAudienceSettings> batch,
      GoogleAdsAudienceSettings s, List<HashedMember> members, Map<String, Outcome> out) {
    ObjectNode create = AdsHttp.JSON.createObjectNode();
    create
        .putObject("job")
        .put("type", "CUSTOMER_MATCH_USER_LIST")
        .putObject("customerMatchUserListMetadata")
        .put("userList", "customers/" + s.customerId() + "/userLists/" + s.userListId());
    AdsHttp.Reply created =
        post("customers/" + s.customerId() + "/offlineUserDataJobs:create", create);
    String job =
        created instanceof AdsHttp.Answer a && a.ok() && a.body() != null
            ? a.body().path("resourceName").asText("")
            : "";
    if (job.isEmpty()) {
      HashedMember.putAll(out, members, beforeRun(created, "create"));
      return;
    }
    Map<String, Outcome> refused = new HashMap<>();
    for (List<HashedMember> chunk : HashedMember.chunks(members, api.operationsPerRequest())) {
      AdsHttp.Reply added = post(job + ":addOperations", operations(s.idType(), chunk));
      if (!(added instanceof AdsHttp.Answer a && a.ok() && a.body() != null)) {
        HashedMember.putAll(out, members, beforeRun(added, "addOperations"));
        return;
      }
      refused.putAll(partialFailures(a.body(), chunk));
    }
    List<HashedMember> accepted = new ArrayList<>();
    for (HashedMember m : members) {
      if (!refused.containsKey(m.key())) {
        accepted.add(m);
      }
    }
    out.putAll(refused);
    if (accepted.isEmpty()) {
      return;
    }
    Outcome ran = run(job);
    HashedMember.putAll(out, accepted, ran);
    if (ran instanceof Outcome.Sent) {
      listener.uploaded(
          batch,
          new AudienceUploadReport(
              ID, s.userListId(), job, members.size(), accepted.size(), refused.size(), null));
    }
  }

  private static ObjectNode operations(IdType type, List<HashedMember> chunk) {
    String field = type == IdType.EMAIL ? "hashedEmail" : "hashedPhoneNumber";
    ObjectNode body = AdsHttp.JSON.createObjectNode();
    body.put("enablePartialFailure", true);
    ArrayNode operations = body.putArray("operations");
    for (HashedMember m : chunk) {
      operations
          .addObject()
          .putObject("create")
          .putArray("userIdentifiers")
          .addObject()
          .put(field, m.hash());
    }
    return body;
  }

  /** The operations Google refused, by member key, from {@code partialFailureError}. */
  private static Map<String, Outcome> partialFailures(JsonNode answer, List<HashedMember> chunk) {
    Map<String, Outcome> refused = new HashMap<>();
    for (JsonNode detail : answer.path("partialFailureError").path("details")) {
      for (JsonNode error : detail.path("errors")) {
        int index = operationIndex(error);
        if (index >= 0 && index < chunk.size()) {
          String code = "partial-failure";
          var codes = error.path("errorCode").elements();
          if (codes.hasNext()) {
            code = codes.next().asText(code);
          }
          refused.put(
              chunk.get(index).key(),
              new Outcome.Rejected(code, HashedMember.shorten(error.path("message").asText(""))));
        }
      }
    }
    return refused;
  }

  private static int operationIndex(JsonNode error) {
    for (JsonNode element : error.path("location").path("fieldPathElements")) {
      if ("operations".equals(element.path("fieldName").asText()) && element.has("index")) {
        return element.get("index").asInt(-1);
      }
    }
    return -1;
  }

  private Outcome run(String job) {
    AdsHttp.Reply reply = post(job + ":run", AdsHttp.JSON.createObjectNode());
    if (reply instanceof AdsHttp.NoAnswer n) {
      return new Outcome.Ambiguous("no answer from Google Ads to run: " + n.reason());
    }
    if (reply instanceof AdsHttp.Answer a && a.ok()) {
      return new Outcome.Sent(job);
    }
    return beforeRun(reply, "run");
  }

  /** A failure while the job has not run: nothing reached the list, so never ambiguous. */
  private static Outcome beforeRun(AdsHttp.Reply reply, String step) {
    if (reply instanceof AdsHttp.Answer a && !a.ok() && !a.transientFailure()) {
      JsonNode error = a.body() == null ? null : a.body().get("error");
      String status = error == null ? "" : error.path("status").asText("");
      String message = error == null ? "" : error.path("message").asText("");
      return new Outcome.Rejected(
          status.isEmpty() ? String.valueOf(a.status()) : status,
          HashedMember.shorten(
              ("Google Ads refused " + step + ": HTTP " + a.status() + " " + message).strip()));
    }
    String why =
        reply instanceof AdsHttp.Answer a
            ? a.ok() ? "unreadable answer" : "HTTP " + a.status()
            : reply instanceof AdsHttp.NotReached n ? "not reached: " + n.reason() : "no answer";
    return new Outcome.Retryable("Google Ads " + step + " failed (" + why + "); nothing applied");
  }

  private AdsHttp.Reply post(String path, ObjectNode body) {
    HttpUrl url =
        HttpUrl.get(api.baseUrl())
            .newBuilder()
            .addPathSegment(api.apiVersion())
            .addPathSegments(path)
            .build();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + accessToken.get());
    headers.put("developer-token", api.developerToken());
    if (!api.loginCustomerId().isEmpty()) {
      headers.put("login-customer-id", api.loginCustomerId());
    }
    return http.post(url, headers, body);
  }

  @Override
  public String toString() {
    return "GoogleAdsAudienceConnector[" + api + "]";
  }
}
