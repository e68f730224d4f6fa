package io.cairn.connectors.http;

import io.cairn.connectors.channel.Outcome;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One provider request for one message, run asynchronously on the client's dispatcher, so that a
 * connector sending one request per recipient (webhooks, push) can have a batch's requests in
 * flight together. Turns every way the call can end into an {@link Outcome}:
 *
 * <ul>
 *   <li>an answer: whatever the connector's {@link AnswerReader} says; if reading the answer fails
 *       (cut off, time-out) {@link Outcome.Ambiguous};
 *   <li>refused by an {@link SsrfGuard}: {@link Outcome.Rejected} with code {@value
 *       #FORBIDDEN_TARGET}, no connection made;
 *   <li>any other failure before the request started going out: {@link Outcome.Retryable}; after:
 *       {@link Outcome.Ambiguous}.
 * </ul>
 *
 * <p>The client must have {@link RequestProgress#install} applied. Never retries.
 */
public final class PerMessageCall {

  /** Rejection code when the SSRF guard refuses the target. */
  public static final String FORBIDDEN_TARGET = "forbidden-target";

  /** Reads a provider's answer into an outcome; the response is closed afterwards. */
  @FunctionalInterface
  public interface AnswerReader {
    Outcome read(Response response) throws IOException;
  }

  private PerMessageCall() {}

  /**
   * Starts the call.
   *
   * @param client a client with {@link RequestProgress#install} applied
   * @param request the request, not yet tracked
   * @param reader maps the provider's answer
   * @return completes with the outcome when the call ends, at the latest at its call timeout
   */
  public static CompletableFuture<Outcome> start(
      OkHttpClient client, Request.Builder request, AnswerReader reader) {
    RequestProgress progress = new RequestProgress();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    client
        .newCall(RequestProgress.track(request, progress).build())
        .enqueue(
            new Callback() {
              @Override
              public void onFailure(Call call, IOException e) {
                outcome.complete(failure(e, progress));
              }

              @Override
              public void onResponse(Call call, Response response) {
                try (response) {
                  outcome.complete(reader.read(response));
                } catch (IOException | RuntimeException e) {
                  outcome.complete(new Outcome.Ambiguous("answer cut off: " + name(e)));
                }
              }
            });
    return outcome;
  }

  /** The outcome of a call that failed with {@code e}. */
  public static Outcome failure(IOException e, RequestProgress progress) {
    if (e instanceof ForbiddenTargetException forbidden) {
      return new Outcome.Rejected(FORBIDDEN_TARGET, forbidden.getMessage());
    }
    return progress.started()
        ? new Outcome.Ambiguous("no answer from provider: " + name(e))
        : new Outcome.Retryable("provider not reached: " + name(e));
  }

  private static String name(Exception e) {
    return e.getClass().getSimpleName();
  }
}
