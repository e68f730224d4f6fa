package io.cairn.engine.delivery.internal;

import io.cairn.connectors.email.EmailSettings;
import io.cairn.connectors.email.SmtpEmailConnector;
import io.cairn.connectors.email.SmtpServer;
import io.cairn.connectors.http.OutboundHttp;
import io.cairn.connectors.sandbox.SandboxConnector;
import io.cairn.connectors.sandbox.SandboxOutbox;
import io.cairn.connectors.sms.HttpSmsConnector;
import io.cairn.connectors.sms.HttpSmsProvider;
import io.cairn.connectors.sms.SmsSettings;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The built-in connectors, configured from {@code cairn.channels.*}. All are registered; {@link
 * ChannelRouter} picks the one each channel uses. Connectors are cheap until called.
 */
@Configuration
class ChannelConfiguration {

  @Bean(destroyMethod = "")
  OkHttpClient cairnHttpClient() {
    return OutboundHttp.newSharedClient();
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
