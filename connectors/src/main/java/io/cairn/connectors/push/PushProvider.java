package io.cairn.connectors.push;

import io.cairn.connectors.channel.IdType;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and how to reach a push provider speaking the FCM HTTP v1 protocol (Firebase Cloud
 * Messaging, or a gateway with the same API). Invalid values fail here, when the application
 * starts. Holds no secret: the access token comes from {@link PushCredentials}.
 *
 * @param baseUrl the API root, e.g. {@code https://fcm.googleapis.com}; {@code null} means that
 * @param projectId the project the messages are sent under
 * @param tokenIdType the identity type under which the recipients' registration tokens are stored;
 *     the connector addresses only that type
 * @param timeout the limit for one whole request; {@code null} means 10 seconds
 * @throws IllegalArgumentException if the base URL is not an http(s) URL, the project id is blank
 *     or not a plain name, the token type is missing or the timeout is not positive
 */
public record PushProvider(String baseUrl, String projectId, IdType tokenIdType, Duration timeout) {

  /** FCM's API root. */
  public static final String FCM_BASE_URL = "https://fcm.googleapis.com";

  /** Timeout used when none is configured. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public PushProvider {
    baseUrl = baseUrl == null || baseUrl.isBlank() ? FCM_BASE_URL : baseUrl.strip();
    if (HttpUrl.parse(baseUrl) == null) {
      throw new IllegalArgumentException("push baseUrl is not an http(s) URL: " + baseUrl);
    }
    if (projectId == null || !projectId.matches("[A-Za-z0-9._:-]+")) {
      throw new IllegalArgumentException("push projectId is missing or not a plain name");
    }
    Objects.requireNonNull(tokenIdType, "tokenIdType");
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("push timeout must be positive: " + timeout);
    }
  }

  /** The send endpoint, {@code {baseUrl}/v1/projects/{projectId}/messages:send}. */
  public HttpUrl sendUrl() {
    return HttpUrl.get(baseUrl)
        .newBuilder()
        .addPathSegment("v1")
        .addPathSegment("projects")
        .addPathSegment(projectId)
        .addPathSegment("messages:send")
        .build();
  }
}
