package io.cairn.engine.delivery;

import io.cairn.connectors.channel.Channel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Replies to SMS (the provider's uplink messages): a reply that is one of the stop words ("T",
 * "TD", "STOP", "退订" …, case and surrounding spaces ignored) puts the sender on the SMS
 * suppression list, so no journey texts them again. Other replies are ignored.
 *
 * <p>Thread-safe; a repeated STOP is harmless.
 */
@Service
public class SmsReplies {

  private final Suppressions suppressions;
  private final Set<String> stopWords;

  SmsReplies(
      Suppressions suppressions,
      @Value("${cairn.channels.sms.stop-words:T,TD,STOP,UNSUBSCRIBE,退订}") String stopWords) {
    this.suppressions = suppressions;
    this.stopWords =
        Arrays.stream(stopWords.split(","))
            .map(w -> w.strip().toUpperCase(Locale.ROOT))
            .filter(w -> !w.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Handles one reply.
   *
   * @param from the sender's mobile number
   * @param text what they wrote
   * @return whether it was a stop word (the number is then suppressed)
   * @throws IllegalArgumentException when {@code from} is blank
   */
  public boolean received(String from, String text) {
    if (text == null || !stopWords.contains(text.strip().toUpperCase(Locale.ROOT))) {
      return false;
    }
    suppressions.add(Channel.SMS, from, "stop-reply");
    return true;
  }
}
