package io.cairn.connectors.platform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.connectors.http.RequestProgress;
import io.cairn.connectors.platform.PlatformEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One platform's HTTP calls: JSON in, the contract's common answer ({@code platformName}, {@code
 * code}, {@code message}, {@code requestId}) out. Never retries (the shared client has retries and
 * redirects off) and never puts the API key anywhere but its header.
 */
public final class PlatformHttp {

  /** The {@code code} of a successful answer (upper case, as in the reference's contracts). */
  public static final String OK = "OK";

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final PlatformEndpoint endpoint;
  private final OkHttpClient client;

  public PlatformHttp(OkHttpClient shared, PlatformEndpoint endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client =
        RequestProgress.install(shared.newBuilder())
            .callTimeout(endpoint.timeout())
            .readTimeout(endpoint.timeout())
            .build();
  }

  public PlatformEndpoint endpoint() {
    return endpoint;
  }

  /** What came back from one call. Exactly one of {@code answer} and {@code failure} is set. */
  public record Reply(int status, JsonNode answer, Failure failure) {

    /** True for a 2xx whose body is a JSON object. */
    public boolean readable() {
      return answer != null && answer.isObject();
    }

    /** The answer's {@code code}, or empty. */
    public String code() {
      return answer == null ? "" : answer.path("code").asText("");
    }

    /** The answer's {@code message}, shortened, or empty. */
    public String message() {
      return answer == null ? "" : shorten(answer.path("message").asText(""));
    }
  }

  /** Why a call got no usable answer. */
  public enum Failure {
    /** The request never left: the platform cannot have it. */
    NOT_SENT,
    /** The request went out (or may have) but no complete answer came back. */
    NO_ANSWER,
    /** An HTTP status other than 2xx. */
    STATUS,
    /** A 2xx whose body is not a JSON object. */
    UNREADABLE
  }

  /** POSTs {@code body} as JSON to {@code url}. Never throws for a transport failure. */
  public Reply post(HttpUrl url, JsonNode body) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return call(new Request.Builder().url(url).post(RequestBody.create(bytes, JSON)));
  }

  /** GETs {@code url}. Never throws for a transport failure. */
  public Reply get(HttpUrl url) {
    return call(new Request.Builder().url(url).get());
  }

  private Reply call(Request.Builder builder) {
    RequestProgress progress = new RequestProgress();
    Request request =
        RequestProgress.track(builder, progress)
            .header(endpoint.apiKeyHeader(), endpoint.apiKey())
            .header("Accept", "application/json")
            .build();
    try (Response response = client.newCall(request).execute()) {
      int status = response.code();
      if (status < 200 || status >= 300) {
        return new Reply(status, null, Failure.STATUS);
      }
      JsonNode answer = read(response.body());
      return answer == null || !answer.isObject()
          ? new Reply(status, null, Failure.UNREADABLE)
          : new Reply(status, answer, null);
    } catch (IOException | RuntimeException e) {
      return new Reply(0, null, progress.started() ? Failure.NO_ANSWER : Failure.NOT_SENT);
    }
  }

  /**
   * True when the answer names another platform than the configured one (a prefix pointing at the
   * wrong service); an unconfigured name or an answer without one is not checked.
   */
  public boolean fromAnotherPlatform(JsonNode answer) {
    String name = answer.path("platformName").asText("");
    return !endpoint.platformName().isEmpty()
        && !name.isEmpty()
        && !name.equals(endpoint.platformName());
  }

  private static JsonNode read(ResponseBody body) throws IOException {
    if (body == null) {
      return null;
    }
    try (InputStream in = body.byteStream()) {
      return MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  /** Provider texts go into ledger reasons: keep them short. */
  public static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200);
  }
}
