package io.cairn.engine.delivery.internal;

import io.cairn.connectors.ads.AdPlatform;
import io.cairn.connectors.ads.GoogleAdsAudienceSettings;
import io.cairn.connectors.ads.MetaAudienceSettings;
import io.cairn.connectors.kafka.KafkaSettings;
import io.cairn.engine.delivery.SettingsCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps Push-to-Kafka and Google Ads nodes within what the operator configured: a configured
 * cluster, one of its allowed topics and id types; a Google Ads customer the operator listed.
 */
@Component
class AudienceSettingsCheck implements SettingsCheck {

  private final KafkaChannelProperties kafka;
  private final List<String> googleCustomers;

  AudienceSettingsCheck(
      KafkaChannelProperties kafka,
      @Value("${cairn.channels.ads.google.customer-ids:}") List<String> googleCustomers) {
    this.kafka = kafka;
    this.googleCustomers =
        googleCustomers.stream()
            .map(c -> c.replaceAll("[\\s-]", ""))
            .filter(c -> !c.isEmpty())
            .toList();
  }

  @Override
  public List<String> problems(Record settings) {
    if (settings instanceof KafkaSettings k) {
      return kafkaProblems(k);
    }
    if (settings instanceof MetaAudienceSettings m) {
      return AdPlatform.META.acceptedIds().contains(m.idType())
          ? List.of()
          : List.of("Meta does not match on " + m.idType().code() + " ids");
    }
    if (settings instanceof GoogleAdsAudienceSettings g) {
      List<String> problems = new ArrayList<>();
      if (!AdPlatform.GOOGLE_ADS.acceptedIds().contains(g.idType())) {
        problems.add("Google Ads does not match on " + g.idType().code() + " ids");
      }
      if (!g.customerId().matches("[0-9]+") || g.userListId().isEmpty()) {
        problems.add("choose the Google Ads customer id and user list id");
      } else if (!googleCustomers.isEmpty() && !googleCustomers.contains(g.customerId())) {
        problems.add(
            "Google Ads customer "
                + g.customerId()
                + " is not in cairn.channels.ads.google.customer-ids");
      }
      return problems;
    }
    return List.of();
  }

  private List<String> kafkaProblems(KafkaSettings k) {
    KafkaChannelProperties.Cluster cluster = kafka.clusters().get(k.cluster());
    if (cluster == null) {
      return List.of(
          "Kafka cluster \""
              + k.cluster()
              + "\" is not configured; configured: "
              + String.join(", ", kafka.clusters().keySet()));
    }
    List<String> problems = new ArrayList<>();
    if (k.topic().isEmpty()) {
      problems.add("choose the Kafka topic");
    } else if (!cluster.topics().isEmpty() && !cluster.topics().contains(k.topic())) {
      problems.add(
          "topic " + k.topic() + " is not allowed on Kafka cluster " + k.cluster() + "; allowed: "
              + String.join(", ", cluster.topics()));
    }
    if (!cluster.idTypes().isEmpty() && !cluster.idTypes().contains(k.idType())) {
      problems.add(
          "Kafka cluster " + k.cluster() + " does not allow pushing " + k.idType().code() + " ids");
    }
    return problems;
  }
}
