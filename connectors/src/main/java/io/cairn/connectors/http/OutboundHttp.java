package io.cairn.connectors.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Creates the one OkHttp client every HTTP connector derives its own from with {@link
 * OkHttpClient#newBuilder()}, so that all of them share one connection pool and one dispatcher.
 *
 * <p>The client never retries and never follows redirects. OkHttp would otherwise silently resend a
 * POST after a connection failure, and a resent batch can deliver every message in it twice. Only
 * the delivery ledger knows what was already accepted, so it alone decides retries, with backoff
 * and a bounded number of attempts (QUALITY.md, R6). A redirect is not followed for the same
 * reason: the body would be posted again to a second address.
 *
 * <p>Timeouts: 5 s to connect, 30 s per read and per write, 60 s for a whole call; connectors
 * narrow them to their provider's configuration. The pool keeps up to 32 idle connections for 5
 * minutes. Thread-safe: the client is meant to be shared.
 */
public final class OutboundHttp {

  /** Connect timeout of the shared client. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Read and write timeout of the shared client. */
  public static final Duration IO_TIMEOUT = Duration.ofSeconds(30);

  /** Timeout of a whole call (connect, write, wait, read) of the shared client. */
  public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private OutboundHttp() {}

  /** Requests in flight to one host by default: see {@link #newSharedClient(int)}. */
  public static final int DEFAULT_REQUESTS_PER_HOST = 64;

  /** The shared client with {@link #DEFAULT_REQUESTS_PER_HOST}. */
  public static OkHttpClient newSharedClient() {
    return newSharedClient(DEFAULT_REQUESTS_PER_HOST);
  }

  /**
   * Creates the shared client. Call once per application and hand the result to every connector;
   * the caller owns it (shut its dispatcher and pool down on exit, or let them idle out).
   *
   * @param requestsPerHost requests in flight to one host at most. Webhooks send one request per
   *     recipient, all to one host: OkHttp's default of 5 would cap them at 5 round trips at a
   *     time, far below what a receiver on a LAN takes (DSP-2).
   */
  public static OkHttpClient newSharedClient(int requestsPerHost) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequestsPerHost(requestsPerHost);
    dispatcher.setMaxRequests(Math.max(dispatcher.getMaxRequests(), 4 * requestsPerHost));
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(CONNECT_TIMEOUT)
        .readTimeout(IO_TIMEOUT)
        .writeTimeout(IO_TIMEOUT)
        .callTimeout(CALL_TIMEOUT)
        .connectionPool(new ConnectionPool(Math.max(32, requestsPerHost), 5, TimeUnit.MINUTES))
        .build();
  }
}
