package io.cairn.connectors.platform;

import java.util.ArrayDeque;
import java.util.Deque;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A MockWebServer dispatcher playing a platform of the reference's contract: scripted answers
 * first, in order, then {@code code OK} with a {@code bizId} for every request. A connector that
 * retried a failed request by itself would therefore get a success, and the test would see it.
 */
final class ScriptedPlatform extends Dispatcher {

  static final String NAME = "Acme SMS";

  private final Deque<MockResponse> scripted = new ArrayDeque<>();

  /** Answers the next unscripted request with {@code response}. */
  synchronized ScriptedPlatform then(MockResponse response) {
    scripted.add(response);
    return this;
  }

  /** Tells MockWebServer the next scripted socket policy before it reads the request body. */
  @Override
  public synchronized MockResponse peek() {
    MockResponse next = scripted.peek();
    return next != null ? next : super.peek();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    synchronized (this) {
      MockResponse next = scripted.poll();
      if (next != null) {
        return next;
      }
    }
    return json(
        "{\"platformName\":\""
            + NAME
            + "\",\"code\":\"OK\",\"message\":\"\","
            + "\"requestId\":\"r-1\",\"bizId\":\"biz-1\"}");
  }

  static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  /** An {@code OK} answer of the configured platform with these extra fields. */
  static MockResponse ok(String extraFields) {
    return json(
        "{\"platformName\":\""
            + NAME
            + "\",\"code\":\"OK\",\"message\":\"\",\"requestId\":\"r\""
            + (extraFields.isEmpty() ? "" : "," + extraFields)
            + "}");
  }
}
