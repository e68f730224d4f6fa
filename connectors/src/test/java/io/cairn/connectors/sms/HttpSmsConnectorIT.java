package io.cairn.connectors.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.content.EmptyValuePolicy;
import io.cairn.connectors.http.OutboundHttp;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSmsConnectorIT extends ConnectorContract<SmsSettings> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private MockWebServer server;
  private HttpSmsConnector connector;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    connector =
        new HttpSmsConnector(
            OutboundHttp.newSharedClient(),
            new HttpSmsProvider(
                server.url("/sms").toString(), "secret-key", null, 0, Duration.ofMillis(800)));
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Override
  protected ChannelConnector<SmsSettings> connector() {
    return connector;
  }

  @Override
  protected SmsSettings settings() {
    return new SmsSettings("unused here", EmptyValuePolicy.SKIP, "", "Cairn");
  }

  @Override
  protected String address(int i) {
    return "+861380000000" + i;
  }

  @Override
  protected void providerAccepts() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"results\":[{\"id\":\"k-0\",\"status\":\"accepted\",\"providerMessageId\":\"p0\"},"
                    + "{\"id\":\"k-1\",\"status\":\"accepted\",\"providerMessageId\":\"p1\"},"
                    + "{\"id\":\"k-2\",\"status\":\"accepted\",\"providerMessageId\":\"p2\"}]}"));
  }

  @Override
  protected void providerFailsTransiently() {
    server.enqueue(new MockResponse().setResponseCode(503));
  }

  @Override
  protected int providerRequests() {
    return server.getRequestCount();
  }

  @Test
  void shouldPostTheBatchWithKeySignatureAndIds() throws Exception {
    providerAccepts();
    connector.deliver(batch(3));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/sms");
    assertThat(request.getHeader("X-Api-Key")).isEqualTo("secret-key");
    assertThat(request.getHeader("Idempotency-Key")).hasSize(64);
    JsonNode body = JSON.readTree(request.getBody().readUtf8());
    assertThat(body.get("messages")).hasSize(3);
    assertThat(body.get("messages").get(1).get("id").asText()).isEqualTo("k-1");
    assertThat(body.get("messages").get(1).get("to").asText()).isEqualTo("+8613800000001");
    assertThat(body.get("messages").get(1).get("text").asText()).isEqualTo("【Cairn】Body 1");
  }

  @Test
  void shouldMapPerRecipientResultsAndMissingOnesToAmbiguous() {
    server.enqueue(
        new MockResponse()
            .setBody(
                "{\"results\":[{\"id\":\"k-0\",\"status\":\"accepted\",\"providerMessageId\":\"p0\"},"
                    + "{\"id\":\"k-1\",\"status\":\"rejected\",\"code\":\"E100\",\"message\":\"blocked\"}]}"));
    BatchOutcome outcome = connector.deliver(batch(3));
    assertThat(outcome.outcomeFor("k-0")).isEqualTo(new Outcome.Sent("p0"));
    assertThat(outcome.outcomeFor("k-1")).isEqualTo(new Outcome.Rejected("E100", "blocked"));
    assertThat(outcome.outcomeFor("k-2")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldTreat5xxAnd429AsRetryableAnd4xxAsRejected() {
    for (int code : new int[] {500, 503, 429}) {
      server.enqueue(new MockResponse().setResponseCode(code));
      assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Retryable.class);
    }
    server.enqueue(new MockResponse().setResponseCode(400));
    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Rejected.class);
    server.enqueue(new MockResponse().setBody("not json"));
    assertThat(connector.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
  }

  @Test
  void shouldNotRetryWhenTheConnectionDropsAfterTheRequest() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(new MockResponse().setBody("{\"results\":[]}"));
    BatchOutcome outcome = connector.deliver(batch(2));
    assertThat(outcome.byKey().values()).allMatch(o -> o instanceof Outcome.Ambiguous);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportAmbiguousOnTimeoutWithOneRequest() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    BatchOutcome outcome = connector.deliver(batch(1));
    assertThat(outcome.outcomeFor("k-0")).isInstanceOf(Outcome.Ambiguous.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldReportRetryableWhenNothingListens() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpSmsConnector down =
        new HttpSmsConnector(
            OutboundHttp.newSharedClient(),
            new HttpSmsProvider("http://127.0.0.1:" + port + "/sms", "k", null, 0, Duration.ofSeconds(1)));
    assertThat(down.deliver(batch(1)).outcomeFor("k-0")).isInstanceOf(Outcome.Retryable.class);
  }

  @Test
  void shouldNotLeakTheApiKey() {
    assertThat(new HttpSmsProvider("http://x", "secret-key", null, 0, null).toString())
        .doesNotContain("secret-key");
  }
}
