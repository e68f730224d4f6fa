package io.cairn.connectors.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A MockWebServer dispatcher playing a gateway of Cairn's SMS contract: scripted answers first, in
 * order, then it accepts every message of every request. A connector that retried a failed request
 * by itself would therefore get a success, and the test would see it.
 */
final class ScriptedGateway extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deque<MockResponse> scripted = new ArrayDeque<>();

  /** Answers the next unscripted request with {@code response}. */
  synchronized ScriptedGateway then(MockResponse response) {
    scripted.add(response);
    return this;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    synchronized (this) {
      MockResponse next = scripted.poll();
      if (next != null) {
        return next;
      }
    }
    return acceptAll(request);
  }

  /** {@code accepted} for every id, with the provider message id {@code p-<id>}. */
  static MockResponse acceptAll(RecordedRequest request) {
    try {
      JsonNode body = JSON.readTree(request.getBody().clone().readUtf8());
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode results = answer.putArray("results");
      for (JsonNode m : body.path("messages")) {
        String id = m.path("id").asText();
        results
            .addObject()
            .put("id", id)
            .put("status", "accepted")
            .put("providerMessageId", "p-" + id);
      }
      return new MockResponse()
          .setHeader("Content-Type", "application/json")
          .setBody(answer.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
