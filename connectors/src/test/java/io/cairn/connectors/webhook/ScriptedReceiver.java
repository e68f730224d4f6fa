package io.cairn.connectors.webhook;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A MockWebServer dispatcher playing a webhook receiver: answers scripted for a message (by its
 * {@code Idempotency-Key}) first, then answers scripted for the next requests in order, then the
 * reference's success answer {@code {"code":"OK","requestId":"r-<key>"}}. A connector that retried
 * a failed request by itself would get a success, and the test would see it.
 */
final class ScriptedReceiver extends Dispatcher {

  private final Deque<MockResponse> next = new ArrayDeque<>();
  private final Map<String, MockResponse> byKey = new HashMap<>();

  /** Answers the next unscripted request with {@code response}. */
  synchronized ScriptedReceiver then(MockResponse response) {
    next.add(response);
    return this;
  }

  /** Answers the request of the message with this idempotency key with {@code response}, once. */
  synchronized ScriptedReceiver forKey(String key, MockResponse response) {
    byKey.put(key, response);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String key = request.getHeader("Idempotency-Key");
    synchronized (this) {
      MockResponse scripted = byKey.remove(key);
      if (scripted == null) {
        scripted = next.poll();
      }
      if (scripted != null) {
        return scripted;
      }
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody("{\"code\":\"OK\",\"message\":\"\",\"requestId\":\"r-" + key + "\"}");
  }
}
