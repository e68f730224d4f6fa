package io.cairn.connectors.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A MockWebServer dispatcher playing FCM's {@code messages:send}: answers scripted for a token
 * first, then answers scripted for the next requests in order, then success {@code
 * {"name":"projects/<p>/messages/m-<token>"}}.
 */
final class ScriptedFcm extends Dispatcher {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Deque<MockResponse> next = new ArrayDeque<>();
  private final Map<String, MockResponse> byToken = new HashMap<>();

  synchronized ScriptedFcm then(MockResponse response) {
    next.add(response);
    return this;
  }

  synchronized ScriptedFcm forToken(String token, MockResponse response) {
    byToken.put(token, response);
    return this;
  }

  /** FCM's error answer, with an {@code FcmError} detail when {@code fcmErrorCode} is set. */
  static MockResponse error(int httpStatus, String status, String fcmErrorCode) {
    String details =
        fcmErrorCode == null
            ? ""
            : ",\"details\":[{\"@type\":\"type.googleapis.com/google.firebase.fcm.v1.FcmError\","
                + "\"errorCode\":\""
                + fcmErrorCode
                + "\"}]";
    return new MockResponse()
        .setResponseCode(httpStatus)
        .setHeader("Content-Type", "application/json; charset=UTF-8")
        .setBody(
            "{\"error\":{\"code\":"
                + httpStatus
                + ",\"message\":\"fcm says "
                + status
                + "\",\"status\":\""
                + status
                + "\""
                + details
                + "}}");
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String token;
    try {
      token = JSON.readTree(request.getBody().clone().readUtf8()).at("/message/token").asText();
    } catch (IOException e) {
      token = "";
    }
    synchronized (this) {
      MockResponse scripted = byToken.remove(token);
      if (scripted == null) {
        scripted = next.poll();
      }
      if (scripted != null) {
        return scripted;
      }
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody("{\"name\":\"projects/cairn-demo/messages/m-" + token + "\"}");
  }
}
