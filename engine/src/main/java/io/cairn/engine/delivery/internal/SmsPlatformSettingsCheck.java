package io.cairn.engine.delivery.internal;

import io.cairn.connectors.platform.AuditStatus;
import io.cairn.connectors.platform.PlatformException;
import io.cairn.connectors.platform.SignatureStatus;
import io.cairn.connectors.platform.SmsPlatformClient;
import io.cairn.connectors.platform.SmsTemplateStatus;
import io.cairn.connectors.sms.SmsSettings;
import io.cairn.connectors.sms.SmsText;
import io.cairn.connectors.sms.SmsType;
import io.cairn.engine.delivery.SettingsCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A "Send SMS" node is deployable through the third-party SMS platform only when it names a
 * template the platform approved, of the node's type (a promotional one ending with the node's
 * opt-out text), and a signature the platform approved. The platform is asked; answers are reused
 * for {@code status-cache-ttl} so that validating a journey with many SMS nodes, or validating it
 * again, does not flood it. Failures are not cached. Only active with {@code
 * cairn.channels.sms.connector=platform}.
 */
@Component
@ConditionalOnProperty(name = "cairn.channels.sms.connector", havingValue = "platform")
class SmsPlatformSettingsCheck implements SettingsCheck {

  private record Cached<T>(T value, Instant until) {}

  private final SmsPlatformClient client;
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Cached<SmsTemplateStatus>> templates = new ConcurrentHashMap<>();
  private final Map<String, Cached<SignatureStatus>> signatures = new ConcurrentHashMap<>();

  SmsPlatformSettingsCheck(
      SmsPlatformClient client, Clock clock, SmsPlatformProperties properties) {
    this.client = client;
    this.clock = clock;
    this.ttl = properties.statusCacheTtl();
  }

  @Override
  public List<String> problems(Record settings) {
    if (!(settings instanceof SmsSettings s)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    String sign = signName(s.signature());
    if (s.templateCode() == null) {
      problems.add("templateCode: the SMS platform sends only approved templates; name one");
    } else {
      templateProblems(s).ifPresent(problems::add);
    }
    if (sign.isEmpty()) {
      problems.add("signature: the SMS platform needs an approved signature");
    } else {
      signatureProblem(sign).ifPresent(problems::add);
    }
    return problems;
  }

  private Optional<String> templateProblems(SmsSettings s) {
    String code = s.templateCode();
    SmsTemplateStatus t;
    try {
      t = cached(templates, code, client::templateStatus);
    } catch (PlatformException | IllegalArgumentException e) {
      return Optional.of(
          "templateCode: template "
              + code
              + " could not be checked on the SMS platform: "
              + e.getMessage());
    }
    String problem =
        switch (t.status()) {
          case IN_REVIEW -> "template " + code + " is still in review on the SMS platform";
          case REJECTED ->
              "template " + code + " was rejected by the SMS platform" + because(t.reason());
          case APPROVED -> typeProblem(s, t);
        };
    return Optional.ofNullable(problem).map(p -> "templateCode: " + p);
  }

  private static String typeProblem(SmsSettings s, SmsTemplateStatus t) {
    if (t.type() != null && t.type() != s.type()) {
      return "template "
          + t.templateCode()
          + " is a "
          + t.type()
          + " template, the node sends "
          + s.type();
    }
    if (s.type() == SmsType.PROMOTIONAL
        && !t.content().isEmpty()
        && !t.content().strip().endsWith(s.optOutSuffix())) {
      return "template "
          + t.templateCode()
          + " is promotional but does not end with the opt-out"
          + " text "
          + s.optOutSuffix();
    }
    return null;
  }

  private Optional<String> signatureProblem(String sign) {
    SignatureStatus st;
    try {
      st = cached(signatures, sign, client::signatureStatus);
    } catch (PlatformException | IllegalArgumentException e) {
      return Optional.of(
          "signature: " + sign + " could not be checked on the SMS platform: " + e.getMessage());
    }
    if (st.status() == AuditStatus.APPROVED) {
      return Optional.empty();
    }
    return Optional.of(
        "signature: "
            + sign
            + (st.status() == AuditStatus.IN_REVIEW
                ? " is still in review on the SMS platform"
                : " was rejected by the SMS platform" + because(st.reason())));
  }

  private <T> T cached(Map<String, Cached<T>> cache, String key, Function<String, T> ask) {
    Instant now = clock.instant();
    Cached<T> hit = cache.get(key);
    if (hit != null && now.isBefore(hit.until())) {
      return hit.value();
    }
    T value = ask.apply(key);
    if (cache.size() > 1_000) {
      cache.clear(); // codes typed into nodes are few; this only bounds a pathological case
    }
    cache.put(key, new Cached<>(value, now.plus(ttl)));
    return value;
  }

  private static String because(String reason) {
    return reason == null || reason.isBlank() ? "" : ": " + reason;
  }

  /** The signature as the platform names it, without 【】. */
  private static String signName(String signature) {
    String signed = SmsText.withSignature(signature, "");
    return signed.isEmpty() ? "" : signed.substring(1, signed.length() - 1);
  }
}
