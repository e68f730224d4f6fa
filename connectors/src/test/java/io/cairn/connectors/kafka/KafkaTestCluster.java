package io.cairn.connectors.kafka;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka 4 cluster (KRaft, broker and controller in one process) started in the
 * test JVM, with SASL/PLAIN and the standard authorizer: {@code plain-admin} is a super user, and
 * {@link #USER} may write only to topics starting with {@link #WRITABLE_PREFIX}. The broker
 * advertises a {@link KafkaProxy}, so every client connection after bootstrap runs through it.
 *
 * <p>Public for the engine's journey tests (through this module's test-jar), which need the
 * {@code kafka-test-common-runtime} test dependency as well.
 */
public final class KafkaTestCluster implements AutoCloseable {

  /** The user the connector authenticates as. */
  public static final String USER = JaasUtils.KAFKA_PLAIN_USER1;

  public static final String PASSWORD = JaasUtils.KAFKA_PLAIN_USER1_PASSWORD;

  /** Topics {@link #USER} may write to. */
  public static final String WRITABLE_PREFIX = "cairn.";

  private final KafkaProxy proxy;
  private final KafkaClusterTestKit cluster;

  private KafkaTestCluster(KafkaProxy proxy, KafkaClusterTestKit cluster) {
    this.proxy = proxy;
    this.cluster = cluster;
  }

  public static KafkaTestCluster start() throws Exception {
    KafkaClusterTestKit[] started = new KafkaClusterTestKit[1];
    KafkaProxy proxy = new KafkaProxy(() -> broker(started[0]));
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
            .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
            .build();
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("advertised.listeners", "EXTERNAL://localhost:" + proxy.port())
            .setConfigProp("auto.create.topics.enable", "false")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    started[0] = cluster;
    try {
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaTestCluster test = new KafkaTestCluster(proxy, cluster);
      test.allowUserToWrite();
      return test;
    } catch (Exception | Error e) {
      cluster.close();
      proxy.close();
      throw e;
    }
  }

  private static InetSocketAddress broker(KafkaClusterTestKit cluster) {
    String first = cluster.bootstrapServers().split(",")[0];
    int colon = first.lastIndexOf(':');
    return new InetSocketAddress(
        first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
  }

  KafkaProxy proxy() {
    return proxy;
  }

  /** The cluster as Cairn's configuration would name it, authenticating as {@link #USER}. */
  public KafkaCluster config(String name, Duration timeout) {
    return new KafkaCluster(
        name, "localhost:" + proxy.port(), "SASL_PLAINTEXT", "PLAIN", USER, PASSWORD, timeout);
  }

  /** Creates topics in one request. */
  public void createTopics(Collection<NewTopic> topics) throws Exception {
    try (Admin admin = Admin.create(adminConfig())) {
      admin.createTopics(topics).all().get();
    }
  }

  /** Every record of a topic, read as the super user from the beginning. */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration wait) {
    Map<String, Object> config = adminConfig();
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      Collection<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + wait.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
      // Anything beyond the expected count (a duplicate) shows up in one more short poll.
      consumer.poll(Duration.ofMillis(200)).forEach(records::add);
    }
    return records;
  }

  private void allowUserToWrite() throws Exception {
    AclBinding write =
        new AclBinding(
            new ResourcePattern(ResourceType.TOPIC, WRITABLE_PREFIX, PatternType.PREFIXED),
            new AccessControlEntry(
                "User:" + USER, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
    try (Admin admin = Admin.create(adminConfig())) {
      admin.createAcls(Set.of(write)).all().get();
      // The broker's authorizer learns the ACL from the metadata log a little later.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!admin.describeAcls(AclBindingFilter.ANY).values().get().contains(write)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the broker never applied the test ACL");
        }
        Thread.sleep(50);
      }
    }
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + JaasUtils.KAFKA_PLAIN_ADMIN
            + "\" password=\""
            + JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD
            + "\";");
    return config;
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      proxy.close();
    }
  }
}
