package io.cairn.connectors.ads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Posts JSON to an ad platform's API with the shared client (no retries, no redirects) and tells
 * the three ways a call can end apart: an answer, no connection (the platform cannot have the
 * request), or no answer after the request started going out (it may have).
 */
final class AdsHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

  /** How a call ended. */
  sealed interface Reply {}

  /** The platform answered; {@code body} is {@code null} when it is not JSON. */
  record Answer(int status, JsonNode body) implements Reply {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Throttled or failing on the platform's side. */
    boolean transientFailure() {
      return status == 429 || status >= 500;
    }
  }

  /** The request never left: the platform cannot have it. */
  record NotReached(String reason) implements Reply {}

  /** The request started going out and no answer came: the platform may have it. */
  record NoAnswer(String reason) implements Reply {}

  private final OkHttpClient client;

  AdsHttp(OkHttpClient shared, Duration timeout) {
    this.client =
        shared
            .newBuilder()
            .callTimeout(timeout)
            .readTimeout(timeout)
            .eventListenerFactory(Progress::of)
            .build();
  }

  Reply post(HttpUrl url, Map<String, String> headers, JsonNode body) {
    Progress progress = new Progress();
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .tag(Progress.class, progress)
            .post(RequestBody.create(body.toString().getBytes(StandardCharsets.UTF_8), JSON_TYPE));
    headers.forEach(request::header);
    try (Response response = client.newCall(request.build()).execute()) {
      return new Answer(response.code(), json(response.body()));
    } catch (IOException | RuntimeException e) {
      String failure = e.getClass().getSimpleName();
      return progress.started ? new NoAnswer(failure) : new NotReached(failure);
    }
  }

  private static JsonNode json(ResponseBody body) throws IOException {
    if (body == null) {
      return null;
    }
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readAllBytes();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null || node.isMissingNode() ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  /** Remembers whether OkHttp began writing the request (see {@code HttpSmsConnector}). */
  private static final class Progress extends EventListener {

    private volatile boolean started;

    static EventListener of(Call call) {
      Progress progress = call.request().tag(Progress.class);
      return progress != null ? progress : EventListener.NONE;
    }

    @Override
    public void requestHeadersStart(Call call) {
      started = true;
    }
  }
}
