package io.cairn.engine.delivery.internal;

import io.cairn.connectors.ads.GoogleAdsApi;
import io.cairn.connectors.ads.GoogleAdsAudienceConnector;
import io.cairn.connectors.ads.MetaAudienceConnector;
import io.cairn.connectors.ads.MetaGraphApi;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.email.SmtpEmailConnector;
import io.cairn.connectors.email.SmtpServer;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.http.SsrfGuard;
import io.cairn.connectors.platform.HttpEmailConnector;
import io.cairn.connectors.platform.PlatformEndpoint;
import io.cairn.connectors.platform.SmsPlatformClient;
import io.cairn.connectors.platform.SmsPlatformConnector;
import io.cairn.connectors.kafka.KafkaConnector;
import io.cairn.connectors.push.FcmPushConnector;
import io.cairn.connectors.push.PushProvider;
import io.cairn.connectors.push.PushSettings;
import io.cairn.connectors.sandbox.SandboxConnector;
import io.cairn.connectors.sandbox.SandboxOutbox;
import io.cairn.connectors.sms.HttpSmsConnector;
import io.cairn.connectors.sms.HttpSmsProvider;
import io.cairn.connectors.sms.SmsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in connectors, configured from {@code cairn.channels.*}. All are registered; {@link
 * ChannelRouter} picks the one each channel uses. Connectors are cheap until called. Kafka and the
 * ad platforms are registered only when configured ({@link ChannelConditions}).
 */
@Configuration
@EnableConfigurationProperties({SmsPlatformProperties.class, KafkaChannelProperties.class})
class ChannelConfiguration {

  @Bean(destroyMethod = "")
  OkHttpClient cairnHttpClient(
      @Value("${cairn.channels.http.requests-per-host:" + OutboundHttp.DEFAULT_REQUESTS_PER_HOST + "}")
          int requestsPerHost) {
    return OutboundHttp.newSharedClient(requestsPerHost);
  }

  /**
   * The guard of every request to a URL that is not Cairn's own configuration alone (webhooks,
   * push). The operator's allow-list ({@code cairn.security.ssrf-allow-list}) opens exceptions.
   */
  @Bean
  SsrfGuard cairnSsrfGuard(@Value("${cairn.security.ssrf-allow-list:}") List<String> allowList) {
    return allowList.isEmpty() ? SsrfGuard.strict() : SsrfGuard.allowing(allowList);
  }

  @Bean
  SandboxConnector<SmsSettings> smsSandbox(SandboxOutbox outbox, Clock clock) {
    return SandboxConnector.sms(outbox, clock);
  }

  @Bean
  SandboxConnector<EmailSettings> emailSandbox(SandboxOutbox outbox, Clock clock) {
    return SandboxConnector.email(outbox, clock);
  }

  @Bean
  SandboxConnector<PushSettings> pushSandbox(
      SandboxOutbox outbox,
      Clock clock,
      @Value("${cairn.channels.push.token-id-type:imei}") String tokenIdType) {
    return new SandboxConnector<>(
        "push.sandbox",
        Channel.PUSH,
        Set.of(IdType.fromCode(tokenIdType)),
        PushSettings.class,
        outbox,
        clock);
  }

  /** Only when chosen: the provider's project id and credentials are required then. */
  @Bean
  @ConditionalOnProperty(name = "cairn.channels.push.connector", havingValue = "fcm")
  FcmPushConnector fcmPush(
      OkHttpClient cairnHttpClient,
      SsrfGuard cairnSsrfGuard,
      @Value("${cairn.channels.push.fcm.base-url:}") String baseUrl,
      @Value("${cairn.channels.push.fcm.project-id:}") String projectId,
      @Value("${cairn.channels.push.fcm.access-token:}") String accessToken,
      @Value("${cairn.channels.push.fcm.access-token-file:}") String accessTokenFile,
      @Value("${cairn.channels.push.token-id-type:imei}") String tokenIdType,
      @Value("${cairn.channels.push.fcm.timeout:10s}") Duration timeout) {
    return new FcmPushConnector(
        cairnHttpClient,
        cairnSsrfGuard,
        new PushProvider(baseUrl, projectId, IdType.fromCode(tokenIdType), timeout),
        new ConfiguredToken("cairn.channels.push.fcm", accessToken, accessTokenFile)::get);
  }

  @Bean
  HttpSmsConnector httpSms(
      OkHttpClient cairnHttpClient,
      @Value("${cairn.channels.sms.http.url:http://127.0.0.1:9/sms}") String url,
      @Value("${cairn.channels.sms.http.api-key:}") String apiKey,
      @Value("${cairn.channels.sms.http.api-key-header:X-Api-Key}") String header,
      @Value("${cairn.channels.sms.http.batch-size:500}") int batchSize,
      @Value("${cairn.channels.sms.http.timeout:10s}") Duration timeout) {
    return new HttpSmsConnector(
        cairnHttpClient, new HttpSmsProvider(url, apiKey, header, batchSize, timeout));
  }

  /** Only when chosen: the platform's url is required then. */
  @Bean
  @ConditionalOnProperty(name = "cairn.channels.sms.connector", havingValue = "platform")
  SmsPlatformConnector smsPlatform(OkHttpClient cairnHttpClient, SmsPlatformProperties platform) {
    return new SmsPlatformConnector(cairnHttpClient, platform.endpoint());
  }

  /** Template and signature reviews and delivery reports of the chosen SMS platform. */
  @Bean
  @ConditionalOnProperty(name = "cairn.channels.sms.connector", havingValue = "platform")
  SmsPlatformClient smsPlatformClient(
      OkHttpClient cairnHttpClient, SmsPlatformProperties platform, Clock clock) {
    return new SmsPlatformClient(cairnHttpClient, platform.endpoint(), clock);
  }

  /** Only when chosen: the platform's url is required then. */
  @Bean
  @ConditionalOnProperty(name = "cairn.channels.email.connector", havingValue = "http")
  HttpEmailConnector httpEmail(
      OkHttpClient cairnHttpClient,
      @Value("${cairn.channels.email.http.url:}") String url,
      @Value("${cairn.channels.email.http.name:}") String name,
      @Value("${cairn.channels.email.http.api-key:}") String apiKey,
      @Value("${cairn.channels.email.http.api-key-header:X-Api-Key}") String header,
      @Value("${cairn.channels.email.http.batch-size:100}") int batchSize,
      @Value("${cairn.channels.email.http.timeout:10s}") Duration timeout,
      @Value("${cairn.channels.email.http.address-type:sender}") String addressType,
      @Value("${cairn.channels.email.http.click-trace:false}") boolean clickTrace) {
    if (!addressType.equals("sender") && !addressType.equals("random")) {
      throw new IllegalArgumentException(
          "cairn.channels.email.http.address-type must be sender or random, was " + addressType);
    }
    PlatformEndpoint endpoint;
    try {
      endpoint = new PlatformEndpoint(url, name, apiKey, header, batchSize, timeout, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cairn.channels.email.http: " + e.getMessage(), e);
    }
    return new HttpEmailConnector(
        cairnHttpClient, endpoint, addressType.equals("random"), clickTrace);
  }

  /** One idempotent producer per configured cluster; closed with the application. */
  @Bean(destroyMethod = "close")
  @Conditional(ChannelConditions.KafkaConfigured.class)
  KafkaConnector kafka(KafkaChannelProperties properties) {
    return new KafkaConnector(properties.toClusters());
  }

  /** Customer Match uploads; the access token comes from the environment or a token file. */
  @Bean
  @Conditional(ChannelConditions.GoogleAdsConfigured.class)
  GoogleAdsAudienceConnector googleAdsAudience(
      OkHttpClient cairnHttpClient,
      AudienceUploads uploads,
      @Value("${cairn.channels.ads.google.base-url:}") String baseUrl,
      @Value("${cairn.channels.ads.google.api-version:}") String apiVersion,
      @Value("${cairn.channels.ads.google.developer-token}") String developerToken,
      @Value("${cairn.channels.ads.google.login-customer-id:}") String loginCustomerId,
      @Value("${cairn.channels.ads.google.operations-per-request:0}") int operationsPerRequest,
      @Value("${cairn.channels.ads.google.max-batch-size:0}") int maxBatchSize,
      @Value("${cairn.channels.ads.google.default-calling-code:}") String callingCode,
      @Value("${cairn.channels.ads.google.timeout:60s}") Duration timeout,
      @Value("${cairn.channels.ads.google.access-token:}") String accessToken,
      @Value("${cairn.channels.ads.google.access-token-file:}") String accessTokenFile) {
    return new GoogleAdsAudienceConnector(
        cairnHttpClient,
        new GoogleAdsApi(
            baseUrl,
            apiVersion,
            developerToken,
            loginCustomerId,
            operationsPerRequest,
            maxBatchSize,
            callingCode.isBlank() ? null : callingCode.strip(),
            timeout),
        new ConfiguredToken("cairn.channels.ads.google", accessToken, accessTokenFile),
        uploads);
  }

  /** Custom audience uploads; the access token comes from the environment or a token file. */
  @Bean
  @Conditional(ChannelConditions.MetaConfigured.class)
  MetaAudienceConnector metaAudience(
      OkHttpClient cairnHttpClient,
      AudienceUploads uploads,
      @Value("${cairn.channels.ads.meta.base-url:}") String baseUrl,
      @Value("${cairn.channels.ads.meta.api-version:}") String apiVersion,
      @Value("${cairn.channels.ads.meta.ids-per-request:0}") int idsPerRequest,
      @Value("${cairn.channels.ads.meta.max-batch-size:0}") int maxBatchSize,
      @Value("${cairn.channels.ads.meta.default-calling-code:}") String callingCode,
      @Value("${cairn.channels.ads.meta.timeout:60s}") Duration timeout,
      @Value("${cairn.channels.ads.meta.access-token:}") String accessToken,
      @Value("${cairn.channels.ads.meta.access-token-file:}") String accessTokenFile) {
    return new MetaAudienceConnector(
        cairnHttpClient,
        new MetaGraphApi(
            baseUrl,
            apiVersion,
            idsPerRequest,
            maxBatchSize,
            callingCode.isBlank() ? null : callingCode.strip(),
            timeout),
        new ConfiguredToken("cairn.channels.ads.meta", accessToken, accessTokenFile),
        uploads);
  }

  @Bean
  SmtpEmailConnector smtpEmail(
      @Value("${cairn.channels.email.smtp.host:127.0.0.1}") String host,
      @Value("${cairn.channels.email.smtp.port:25}") int port,
      @Value("${cairn.channels.email.smtp.username:}") String username,
      @Value("${cairn.channels.email.smtp.password:}") String password,
      @Value("${cairn.channels.email.smtp.start-tls:false}") boolean startTls,
      @Value("${cairn.channels.email.smtp.timeout:10s}") Duration timeout) {
    return new SmtpEmailConnector(
        new SmtpServer(host, port, username, password, startTls, timeout));
  }
}
