package io.cairn.engine.coupon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.ConnectorContract;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import io.cairn.connectors.coupon.CouponSettings;
import io.cairn.engine.coupon.Coupons;
import io.cairn.engine.coupon.NewCoupon;
import io.cairn.engine.delivery.ActionRequest;
import io.cairn.engine.delivery.DeliveryLedger;
import io.cairn.engine.testing.EngineTestApplication;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code coupon} connector against the shared connector contract. Its provider is Cairn's own
 * database: a "request" is one issuing transaction (one connection), a transient failure is a
 * database that refuses connections, and a reset is a commit that fails half-way. Issuing again
 * after either is safe, because an entity that holds a code gets the same code.
 */
@SpringBootTest(classes = EngineTestApplication.class)
class CouponConnectorIT extends ConnectorContract<CouponSettings> {

  @Autowired DataSource dataSource;
  @Autowired DeliveryLedger ledger;
  @Autowired Coupons coupons;
  @Autowired Clock clock;

  private final AtomicInteger connections = new AtomicInteger();
  private volatile Fault next = Fault.NONE;
  private CouponConnector connector;
  private CouponSettings settings;
  private long actionId;

  private enum Fault {
    NONE,
    REFUSE,
    FAIL_COMMIT
  }

  @BeforeEach
  void setUp() {
    DataSource faulty =
        new DelegatingDataSource(dataSource) {
          @Override
          public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            Fault fault = next;
            next = Fault.NONE;
            if (fault == Fault.REFUSE) {
              throw new SQLRecoverableException("connection refused");
            }
            Connection real = super.getConnection();
            return fault == Fault.FAIL_COMMIT ? failingCommit(real) : real;
          }
        };
    CouponIssuer issuer =
        new CouponIssuer(
            new CouponStore(new JdbcTemplate(faulty)),
            new TransactionTemplate(new DataSourceTransactionManager(faulty)),
            clock);
    connector = new CouponConnector(issuer, ledger);
    long coupon = coupons.create(new NewCoupon("contract-" + UUID.randomUUID(), null)).id();
    StringBuilder csv = new StringBuilder("code\n");
    IntStream.range(0, 20).forEach(i -> csv.append("K-").append(i).append('\n'));
    coupons.importCodes(
        coupon, new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    settings = new CouponSettings(String.valueOf(coupon), IdType.MOBILE);
    // An action execution without recipients: the keys below name it, and no dispatcher runs it.
    actionId =
        ledger.enqueue(
            new ActionRequest(
                1,
                1,
                "coupon",
                "contract-" + UUID.randomUUID(),
                Channel.COUPON,
                "user",
                Map.of("coupon", settings.coupon()),
                new RoaringBitmap()));
  }

  private static Connection failingCommit(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("commit")) {
                throw new SQLRecoverableException("connection reset during commit");
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  protected ChannelConnector<CouponSettings> connector() {
    return connector;
  }

  @Override
  protected CouponSettings settings() {
    return settings;
  }

  @Override
  protected String address(int i) {
    return "+86139" + (10_000_000 + i);
  }

  /** Ledger keys: the connector issues to the entity a key names. */
  @Override
  protected DeliveryBatch<CouponSettings> batch(int size) {
    List<OutboundMessage> messages =
        IntStream.range(0, size)
            .mapToObj(i -> new OutboundMessage(actionId + "-" + i, address(i), null, ""))
            .toList();
    return new DeliveryBatch<>(settings(), messages);
  }

  @Override
  protected void providerAccepts() {
    next = Fault.NONE;
  }

  @Override
  protected void providerFailsTransiently() {
    next = Fault.REFUSE;
  }

  @Override
  protected void providerResetsConnection() {
    next = Fault.FAIL_COMMIT;
  }

  @Override
  protected int providerRequests() {
    return connections.get();
  }

  @Test
  void shouldGiveTheSameCodesWhenRetriedAfterACommitThatMayHaveHappened() {
    providerResetsConnection();
    BatchOutcome failed = connector.deliver(batch(2));
    assertThat(failed.byKey().values()).allMatch(o -> o instanceof Outcome.Retryable);

    // Whether the failed commit took effect or not, retrying issues each entity one code.
    BatchOutcome retried = connector.deliver(batch(2));
    BatchOutcome again = connector.deliver(batch(2));
    assertThat(retried.byKey().values()).allMatch(o -> o instanceof Outcome.Sent);
    assertThat(again).isEqualTo(retried);
    assertThat(coupons.get(settings.couponId()).issued()).isEqualTo(2);
  }
}
