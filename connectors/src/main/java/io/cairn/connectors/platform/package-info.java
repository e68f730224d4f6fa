/**
 * Third-party SMS and email platforms that implement the reference product's platform contract (its
 * "第三方短信邮件平台接口"): {@link io.cairn.connectors.platform.SmsPlatformConnector} ({@code sms.platform})
 * and {@link io.cairn.connectors.platform.HttpEmailConnector} ({@code email.http}) send batches;
 * {@link io.cairn.connectors.platform.SmsPlatformClient} submits and queries template and signature
 * reviews and pages through delivery reports. All are configured by one {@link
 * io.cairn.connectors.platform.PlatformEndpoint} each.
 *
 * <p>Depends on {@code channel}, {@code sms} (settings and text rules), {@code email} (settings),
 * {@code http} (request progress), OkHttp, Jackson and jakarta.mail's address parser.
 */
package io.cairn.connectors.platform;
