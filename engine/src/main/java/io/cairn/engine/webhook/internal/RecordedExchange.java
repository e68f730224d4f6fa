package io.cairn.engine.webhook.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * Records the one exchange of a test send, as text people may download: the request with its
 * signature values withheld, and the answer. Installed as the first interceptor of a client used
 * for that one request only.
 */
final class RecordedExchange implements Interceptor {

  static final String WITHHELD = "(withheld)";
  private static final Set<String> SIGNATURE_HEADERS =
      Set.of("webhook-signature", "x-qa-hmac-signature", "authorization");
  private static final Set<String> SHOWN_QUERY = Set.of("timestamp", "nonce");
  private static final long MAX_ANSWER_BYTES = 8 * 1024;

  private final StringBuilder text = new StringBuilder();
  private volatile boolean requested;
  private volatile Integer status;
  private volatile long startNanos;
  private volatile long endNanos;

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    describe(request);
    startNanos = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      status = response.code();
      String answer = response.peekBody(MAX_ANSWER_BYTES).string();
      endNanos = System.nanoTime();
      synchronized (text) {
        text.append("< HTTP ").append(response.code()).append(' ').append(response.message());
        text.append('\n');
        response
            .headers()
            .forEach(
                h ->
                    text.append("< ")
                        .append(h.getFirst())
                        .append(": ")
                        .append(h.getSecond())
                        .append('\n'));
        text.append("<\n").append(indent(answer, "< ")).append('\n');
      }
      return response;
    } catch (IOException | RuntimeException e) {
      endNanos = System.nanoTime();
      synchronized (text) {
        text.append("! no answer: ").append(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
          text.append(": ").append(e.getMessage());
        }
        text.append('\n');
      }
      throw e;
    }
  }

  private void describe(Request request) throws IOException {
    requested = true;
    StringBuilder t = new StringBuilder();
    t.append("> ").append(request.method()).append(' ').append(shown(request.url())).append('\n');
    if (request.body() != null && request.body().contentType() != null) {
      t.append("> Content-Type: ").append(request.body().contentType()).append('\n');
    }
    request
        .headers()
        .forEach(
            h -> {
              boolean secret = SIGNATURE_HEADERS.contains(h.getFirst().toLowerCase(Locale.ROOT));
              t.append("> ").append(h.getFirst()).append(": ");
              t.append(secret ? WITHHELD : h.getSecond()).append('\n');
            });
    t.append(">\n");
    if (request.body() != null) {
      Buffer body = new Buffer();
      request.body().writeTo(body);
      t.append(indent(body.readString(StandardCharsets.UTF_8), "> ")).append('\n');
    }
    synchronized (text) {
      text.append(t);
    }
  }

  /** The URL with query values other than timestamp and nonce masked (they may carry tokens). */
  private static String shown(HttpUrl url) {
    StringBuilder b = new StringBuilder(url.newBuilder().query(null).build().toString());
    char sep = '?';
    for (String name : url.queryParameterNames()) {
      for (String value : url.queryParameterValues(name)) {
        b.append(sep).append(name).append('=').append(SHOWN_QUERY.contains(name) ? value : "***");
        sep = '&';
      }
    }
    return b.toString();
  }

  private static String indent(String s, String prefix) {
    return prefix + s.replace("\n", "\n" + prefix);
  }

  boolean requested() {
    return requested;
  }

  Integer status() {
    return status;
  }

  long durationMillis() {
    return endNanos == 0 ? 0 : (endNanos - startNanos) / 1_000_000;
  }

  String text() {
    synchronized (text) {
      return text.toString();
    }
  }
}
