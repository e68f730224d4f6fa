package io.cairn.connectors.http;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Remembers whether OkHttp began writing a request: before that the provider cannot have it (a
 * failure is retryable), after it the provider may have it (a failure is ambiguous). The exception
 * alone cannot tell, e.g. a time-out is both a connect and a read failure.
 *
 * <p>Use: {@link #install} it on the connector's client once, then tag each request with a fresh
 * instance ({@link #track}) and ask {@link #started()} when the call fails. One instance per call;
 * safe to read from another thread.
 */
public final class RequestProgress extends EventListener {

  private volatile boolean started;

  /** Attaches a fresh progress to a request. */
  public static Request.Builder track(Request.Builder request, RequestProgress progress) {
    return request.tag(RequestProgress.class, progress);
  }

  /**
   * Installs the listener factory that reports to each request's tagged progress (requests without
   * one get no listener), replacing any listener the builder had.
   */
  public static OkHttpClient.Builder install(OkHttpClient.Builder client) {
    return client.eventListenerFactory(RequestProgress::of);
  }

  private static EventListener of(Call call) {
    RequestProgress progress = call.request().tag(RequestProgress.class);
    return progress != null ? progress : EventListener.NONE;
  }

  /** True once OkHttp started writing the request's headers. */
  public boolean started() {
    return started;
  }

  @Override
  public void requestHeadersStart(Call call) {
    started = true;
  }
}
