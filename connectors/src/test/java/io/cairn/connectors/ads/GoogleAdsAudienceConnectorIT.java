package io.cairn.connectors.ads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.http.OutboundHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoogleAdsAudienceConnectorIT extends ConnectorContract<GoogleAdsAudienceSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();
  private static final String JOB = "customers/1234567890/offlineUserDataJobs/555";

  private MockWebServer server;
  private ScriptedPlatform google;
  private GoogleAdsAudienceConnector connector;
  private final List<AudienceUploadReport> reports = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startGoogle() throws IOException {
    google = new ScriptedPlatform(GoogleAdsAudienceConnectorIT::answer);
    server = new MockWebServer();
    server.setDispatcher(google);
    server.start(InetAddress.getLoopbackAddress(), 0);
    connector = connector(0);
  }

  private GoogleAdsAudienceConnector connector(int operationsPerRequest) {
    return new GoogleAdsAudienceConnector(
        SHARED,
        new GoogleAdsApi(
            server.url("/").toString(),
            "v21",
            "dev-token",
            "111-222-3333",
            operationsPerRequest,
            0,
            "86",
            Duration.ofSeconds(2)),
        () -> "oauth-token",
        (batch, report) -> reports.add(report));
  }

  @AfterEach
  void stopGoogle() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  /** Google's answers to the three calls of a job. */
  private static MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    if (path.endsWith(":create")) {
      return ScriptedPlatform.json("{\"resourceName\":\"" + JOB + "\"}");
    }
    if (path.endsWith(":run")) {
      return ScriptedPlatform.json("{\"name\":\"customers/1234567890/operations/777\"}");
    }
    return ScriptedPlatform.json("{}");
  }

  @Override
  protected ChannelConnector<GoogleAdsAudienceSettings> connector() {
    return connector;
  }

  @Override
  protected GoogleAdsAudienceSettings settings() {
    return new GoogleAdsAudienceSettings("123-456-7890", "9001", IdType.EMAIL);
  }

  @Override
  protected String address(int i) {
    return "user" + i + "@example.com";
  }

  @Override
  protected void providerAccepts() {}

  @Override
  protected void providerFailsTransiently() {
    google.then(new MockResponse().setResponseCode(503));
  }

  @Override
  protected void providerResetsConnection() {
    google.then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  @Test
  void shouldCreateAJobAddHashedIdentifiersAndRunIt() throws Exception {
    BatchOutcome outcome =
        connector.deliver(
            new DeliveryBatch<>(
                settings(),
                List.of(
                    new OutboundMessage("k-0", " John.Doe+promo@GMail.com ", null, ""),
                    new OutboundMessage("k-1", "ann@example.com", null, ""))));

    assertThat(server.getRequestCount()).isEqualTo(3);
    RecordedRequest create = server.takeRequest();
    assertThat(create.getPath()).isEqualTo("/v21/customers/1234567890/offlineUserDataJobs:create");
    assertThat(create.getHeader("Authorization")).isEqualTo("Bearer oauth-token");
    assertThat(create.getHeader("developer-token")).isEqualTo("dev-token");
    assertThat(create.getHeader("login-customer-id")).isEqualTo("1112223333");
    assertThat(JSON.readTree(create.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                """
                {"job":{"type":"CUSTOMER_MATCH_USER_LIST","customerMatchUserListMetadata":
                  {"userList":"customers/1234567890/userLists/9001"}}}\
                """));
    RecordedRequest add = server.takeRequest();
    assertThat(add.getPath()).isEqualTo("/v21/" + JOB + ":addOperations");
    assertThat(JSON.readTree(add.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                """
                {"enablePartialFailure":true,"operations":[
                  {"create":{"userIdentifiers":[{"hashedEmail":
                    "06a240d11cc201676da976f7b49341181fd180da37cbe40a77432c0a366c80c3"}]}},
                  {"create":{"userIdentifiers":[{"hashedEmail":"%s"}]}}]}\
                """
                    .formatted(Digest.SHA256.hex("ann@example.com"))));
    RecordedRequest run = server.takeRequest();
    assertThat(run.getPath()).isEqualTo("/v21/" + JOB + ":run");
    assertThat(run.getBody().readUtf8()).isEqualTo("{}");
    assertThat(outcome.byKey().values()).containsOnly(new Outcome.Sent(JOB));
    assertThat(reports)
        .containsExactly(new AudienceUploadReport("ads.google", "9001", JOB, 2, 2, 0, null));
  }

  @Test
  void shouldSendPhonesAsHashedE164InSeveralAddOperationsBeforeOneRun() throws Exception {
    List<OutboundMessage> messages =
        IntStream.range(0, 5)
            .mapToObj(i -> new OutboundMessage("k-" + i, "138 0000 000" + i, null, ""))
            .toList();

    connector(2)
        .deliver(
            new DeliveryBatch<>(
                new GoogleAdsAudienceSettings("1234567890", "9001", IdType.MOBILE), messages));

    assertThat(server.getRequestCount()).isEqualTo(5);
    server.takeRequest();
    int[] sizes = new int[3];
    for (int i = 0; i < 3; i++) {
      RecordedRequest add = server.takeRequest();
      assertThat(add.getPath()).endsWith(":addOperations");
      JsonNode ops = JSON.readTree(add.getBody().readUtf8()).get("operations");
      sizes[i] = ops.size();
      if (i == 0) {
        assertThat(ops.at("/0/create/userIdentifiers/0/hashedPhoneNumber").asText())
            .isEqualTo(Digest.SHA256.hex("+8613800000000"));
      }
    }
    assertThat(sizes).containsExactly(2, 2, 1);
    assertThat(server.takeRequest().getPath()).endsWith(":run");
  }

  @Test
  void shouldRejectTheOperationsGoogleReportsAsPartialFailures() {
    google
        .thenSucceed()
        .then(
            ScriptedPlatform.json(
                """
                {"partialFailureError":{"code":3,"message":"Multiple errors",
                  "details":[{"@type":"type.googleapis.com/google.ads.googleads.v21.errors.GoogleAdsFailure",
                    "errors":[{"errorCode":{"offlineUserDataJobError":"INVALID_SHA256_FORMAT"},
                               "message":"The SHA256 encoded value is malformed.",
                               "location":{"fieldPathElements":[{"fieldName":"operations","index":1},
                                 {"fieldName":"create"},{"fieldName":"user_identifiers","index":0}]}}]}]}}\
                """));

    BatchOutcome outcome = connector.deliver(batch(3));

    assertThat(outcome.outcomeFor("k-1"))
        .isEqualTo(
            new Outcome.Rejected(
                "INVALID_SHA256_FORMAT", "The SHA256 encoded value is malformed."));
    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent(JOB));
    assertThat(outcome.outcomeFor("k-2")).isEqualTo(new Outcome.Sent(JOB));
    assertThat(reports)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.uploaded()).isEqualTo(3);
              assertThat(r.received()).isEqualTo(2);
              assertThat(r.invalid()).isEqualTo(1);
            });
  }

  @Test
  void shouldReportRetryableWithoutRunningWhenAddingOperationsGetsNoAnswer() {
    google
        .thenSucceed()
        .then(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Retryable);
    assertThat(server.getRequestCount()).as("create and addOperations, never run").isEqualTo(2);
    assertThat(reports).isEmpty();
  }

  @Test
  void shouldReportAmbiguousWhenRunGetsNoAnswer() {
    google
        .thenSucceed()
        .thenSucceed()
        .then(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.byKey().values()).hasSize(2).allMatch(o -> o instanceof Outcome.Ambiguous);
  }

  @Test
  void shouldRejectWithGooglesStatusWhenTheListIsNotAccessible() {
    google.then(
        ScriptedPlatform.json(
                """
                {"error":{"code":403,"message":"The caller does not have permission",
                  "status":"PERMISSION_DENIED"}}\
                """)
            .setResponseCode(403));

    BatchOutcome outcome = connector.deliver(batch(2));

    assertThat(outcome.outcomeFor("k-0"))
        .isEqualTo(
            new Outcome.Rejected(
                "PERMISSION_DENIED",
                "Google Ads refused create: HTTP 403 The caller does not have permission"));
  }

  @Test
  void shouldRejectUnusableAddressesAndNodesWithoutCallingGoogle() {
    BatchOutcome invalid =
        connector.deliver(
            new DeliveryBatch<>(settings(), List.of(new OutboundMessage("x", "nobody", null, ""))));
    BatchOutcome noList =
        connector.deliver(
            new DeliveryBatch<>(
                new GoogleAdsAudienceSettings("abc", "", IdType.EMAIL), batch(1).messages()));
    BatchOutcome oaid =
        connector.deliver(
            new DeliveryBatch<>(
                new GoogleAdsAudienceSettings("1", "2", IdType.OAID), batch(1).messages()));

    assertThat(invalid.outcomeFor("x"))
        .isEqualTo(new Outcome.Rejected("invalid-identity", "email: not an email address"));
    assertThat(noList.outcomeFor("k-0"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("no-user-list"));
    assertThat(oaid.outcomeFor("k-0"))
        .isInstanceOfSatisfying(
            Outcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("unsupported-id-type"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldNeverShowTheDeveloperTokenAndRefuseAnInvalidApi() {
    GoogleAdsApi api = new GoogleAdsApi(null, null, "dev-secret", null, 0, 0, null, null);

    assertThat(api.toString()).doesNotContain("dev-secret");
    assertThat(api.baseUrl()).isEqualTo("https://googleads.googleapis.com");
    assertThat(api.operationsPerRequest()).isEqualTo(10_000);
    assertThatThrownBy(() -> new GoogleAdsApi(null, null, " ", null, 0, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GoogleAdsApi(null, null, "t", null, 100_001, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MetaGraphApi(null, null, 10_001, 0, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
