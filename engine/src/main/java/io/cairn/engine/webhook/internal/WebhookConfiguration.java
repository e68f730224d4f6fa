package io.cairn.engine.webhook.internal;

import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.webhook.WebhookConnector;
import io.cairn.connectors.webhook.WebhookSettings;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code webhook} connector on the shared HTTP client, the SSRF guard and the registry. */
@Configuration
class WebhookConfiguration {

  @Bean
  ChannelConnector<WebhookSettings> webhookConnector(
      OkHttpClient cairnHttpClient,
      SsrfGuard cairnSsrfGuard,
      DatabaseWebhookDirectory directory,
      WebhookStore store,
      Clock clock) {
    return new EnabledWebhookConnector(
        new WebhookConnector(cairnHttpClient, cairnSsrfGuard, directory, clock), store);
  }
}
