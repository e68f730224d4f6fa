package io.cairn.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarded client against a real server on loopback: refused requests never reach it. */
class SsrfGuardIT {

  private static final OkHttpClient SHARED = OutboundHttp.newSharedClient();

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @AfterAll
  static void releaseClient() {
    SHARED.dispatcher().executorService().shutdown();
    SHARED.connectionPool().evictAll();
  }

  /** A client whose resolver answers 127.0.0.1 for every name, as a rebinding attacker would. */
  private static OkHttpClient resolvingEverythingToLoopback(SsrfGuard guard) {
    Dns loopback = host -> List.of(InetAddress.getLoopbackAddress());
    return guard.protect(SHARED.newBuilder().dns(loopback).build()).build();
  }

  private String url(String host) {
    return "http://" + host + ":" + server.getPort() + "/hook";
  }

  @Test
  void shouldNotConnectToALoopbackLiteral() {
    OkHttpClient client = SsrfGuard.strict().protect(SHARED).build();

    assertThatThrownBy(() -> execute(client, url("127.0.0.1")))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("'127.0.0.1' is a loopback address");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldNotConnectWhenANameResolvesToLoopbackAtConnectTime() {
    OkHttpClient client = resolvingEverythingToLoopback(SsrfGuard.strict());

    assertThatThrownBy(() -> execute(client, url("hooks.example.com")))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("'hooks.example.com' resolves to a loopback address");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shouldConnectWhenTheOperatorAllowsTheRange() throws IOException {
    server.enqueue(new MockResponse().setResponseCode(204));
    OkHttpClient client = resolvingEverythingToLoopback(SsrfGuard.allowing(List.of("127.0.0.0/8")));

    try (Response response = execute(client, url("hooks.example.com"))) {
      assertThat(response.code()).isEqualTo(204);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldNotFollowARedirectEvenToAnAllowedHost() throws IOException {
    server.enqueue(
        new MockResponse().setResponseCode(307).setHeader("Location", url("127.0.0.1") + "/2"));
    OkHttpClient client = SsrfGuard.allowing(List.of("127.0.0.1")).protect(SHARED).build();

    try (Response response = execute(client, url("127.0.0.1"))) {
      assertThat(response.code()).isEqualTo(307);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  private static Response execute(OkHttpClient client, String url) throws IOException {
    return client
        .newCall(
            new Request.Builder().url(url).post(okhttp3.RequestBody.create(new byte[0])).build())
        .execute();
  }
}
