package io.cairn.connectors.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client all connectors derive theirs from ({@code newBuilder()} shares its pool and
 * dispatcher). It never retries and never follows redirects: a retried POST can deliver a message
 * twice, and the delivery ledger, which knows what was sent, decides retries (QUALITY.md, R6).
 */
public final class OutboundHttp {

  private OutboundHttp() {}

  /** Creates the shared client; call once per application. */
  public static OkHttpClient newSharedClient() {
    return new OkHttpClient.Builder()
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
        .build();
  }
}
