package io.cairn.connectors.ads;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A MockWebServer dispatcher playing an ad platform: scripted answers first, in order, then the
 * platform's normal success answer for the request. A connector that retried a failed request by
 * itself would therefore get a success, and the test would see it.
 */
final class ScriptedPlatform extends Dispatcher {

  private final Deque<Function<RecordedRequest, MockResponse>> scripted = new ArrayDeque<>();
  private final Function<RecordedRequest, MockResponse> success;

  ScriptedPlatform(Function<RecordedRequest, MockResponse> success) {
    this.success = success;
  }

  /** Answers the next request with {@code response}. */
  synchronized ScriptedPlatform then(MockResponse response) {
    scripted.add(request -> response);
    return this;
  }

  /** Answers the next request with the normal success answer (to script a later one). */
  synchronized ScriptedPlatform thenSucceed() {
    scripted.add(success);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Function<RecordedRequest, MockResponse> next;
    synchronized (this) {
      next = scripted.poll();
    }
    return (next != null ? next : success).apply(request);
  }

  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}
