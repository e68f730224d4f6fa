package io.cairn.engine.testing;

import io.cairn.connectors.channel.BatchOutcome;
import io.cairn.connectors.channel.Channel;
import io.cairn.connectors.channel.ChannelConnector;
import io.cairn.connectors.channel.DeliveryBatch;
import io.cairn.connectors.channel.IdType;
import io.cairn.connectors.channel.OutboundMessage;
import io.cairn.connectors.channel.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake connector for engine tests: records what it is given and accepts everything. */
public final class RecordingConnector<S extends Record> implements ChannelConnector<S> {

  private final String id;
  private final Channel channel;
  private final IdType idType;
  private final Class<S> settingsType;
  private final List<OutboundMessage> received = new CopyOnWriteArrayList<>();

  public RecordingConnector(String id, Channel channel, IdType idType, Class<S> settingsType) {
    this.id = id;
    this.channel = channel;
    this.idType = idType;
    this.settingsType = settingsType;
  }

  public List<OutboundMessage> received() {
    return received;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public Set<IdType> acceptedIds() {
    return Set.of(idType);
  }

  @Override
  public Class<S> settingsType() {
    return settingsType;
  }

  @Override
  public BatchOutcome deliver(DeliveryBatch<S> batch) {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (OutboundMessage m : batch.messages()) {
      received.add(m);
      out.put(m.idempotencyKey(), new Outcome.Sent("rec-" + m.idempotencyKey()));
    }
    return new BatchOutcome(out);
  }
}
