package io.cairn.engine.delivery.internal;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When an optional connector is registered: only when the operator configured it, so that a node
 * using an unconfigured one is refused at validation instead of failing at delivery.
 */
final class ChannelConditions {

  private ChannelConditions() {}

  /** {@code cairn.channels.kafka.clusters} names at least one cluster. */
  static final class KafkaConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment())
          .bind("cairn.channels.kafka.clusters", Bindable.mapOf(String.class, Object.class))
          .map(m -> !m.isEmpty())
          .orElse(false);
    }
  }

  /** {@code cairn.channels.ads.google} has a developer token and an access token (or its file). */
  static final class GoogleAdsConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      return !env.getProperty("cairn.channels.ads.google.developer-token", "").isBlank()
          && tokenConfigured(env, "cairn.channels.ads.google");
    }
  }

  /** {@code cairn.channels.ads.meta} has an access token (or its file). */
  static final class MetaConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return tokenConfigured(context.getEnvironment(), "cairn.channels.ads.meta");
    }
  }

  private static boolean tokenConfigured(Environment env, String prefix) {
    return ConfiguredToken.configured(
        env.getProperty(prefix + ".access-token"), env.getProperty(prefix + ".access-token-file"));
  }
}
