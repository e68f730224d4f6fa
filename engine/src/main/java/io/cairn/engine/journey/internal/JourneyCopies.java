package io.cairn.engine.journey.internal;

import io.cairn.engine.journey.Journey;
import io.cairn.engine.problem.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Copies a journey: a new NOT_STARTED journey in the same workspace with the same diagram, named
 * "{@code <name> (copy)}" (the name shortened to keep 64 characters). The copy gets a process key
 * of its own ({@code <key>_copy<n>}): under the original's key Camunda would make it a new version
 * of the original's process, and a new version replaces the previous one's timer and message start
 * events, which would silently stop the original's schedule or event entry. The copy is validated
 * like any new journey: a diagram whose segment was deleted meanwhile is refused.
 */
@Component
public class JourneyCopies {

  static final String SUFFIX = " (copy)";
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final int MAX_KEY = 200;

  private final JourneyStore store;
  private final JourneyDeployer deployer;
  private final JdbcTemplate jdbc;

  JourneyCopies(JourneyStore store, JourneyDeployer deployer, JdbcTemplate jdbc) {
    this.store = store;
    this.deployer = deployer;
    this.jdbc = jdbc;
  }

  /**
   * Copies a journey in the caller's transaction; returns the copy's id.
   *
   * @throws NotFoundException when there is no such journey
   * @throws io.cairn.engine.problem.InvalidInputException when its diagram is no longer valid
   */
  public long copy(long journeyId) {
    // the lock serialises copies of one journey, which would otherwise pick the same new key
    Journey source =
        store.lock(journeyId).orElseThrow(() -> new NotFoundException("journey", journeyId));
    long workspaceId =
        jdbc.queryForObject(
            "SELECT workspace_id FROM cairn_journey WHERE id = ?", Long.class, journeyId);
    String key = freeKey(source.processKey());
    byte[] bpmn =
        withProcessKey(
            store.bpmn(journeyId).getBytes(StandardCharsets.UTF_8), source.processKey(), key);
    return deployer.deploy(workspaceId, copyName(source.name()), bpmn);
  }

  /** "{@code <name> (copy)}", the name cut so that the whole stays within 64 characters. */
  static String copyName(String name) {
    int room = JourneyDeployer.MAX_NAME - SUFFIX.length();
    String base = name.strip();
    if (base.length() > room) {
      int cut = Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room;
      base = base.substring(0, cut).stripTrailing();
    }
    return base + SUFFIX;
  }

  private String freeKey(String key) {
    String base = key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
    for (int n = 1; ; n++) {
      String candidate = base + "_copy" + n;
      Long taken =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM cairn_journey WHERE process_key = ?", Long.class, candidate);
      if (taken == 0) {
        return candidate;
      }
    }
  }

  /** The diagram with its process (and the references to it) renamed. */
  static byte[] withProcessKey(byte[] bpmn, String oldKey, String newKey) {
    Document doc = JourneyValidator.parse(bpmn);
    NodeList all = doc.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      Element el = (Element) all.item(i);
      if (BPMN_NS.equals(el.getNamespaceURI())
          && "process".equals(el.getLocalName())
          && oldKey.equals(el.getAttribute("id"))) {
        el.setAttribute("id", newKey);
      }
      for (String ref : new String[] {"processRef", "bpmnElement"}) {
        if (oldKey.equals(el.getAttribute(ref))) {
          el.setAttribute(ref, newKey);
        }
      }
    }
    try {
      TransformerFactory f = TransformerFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      Transformer t = f.newTransformer();
      ByteArrayOutputStream out = new ByteArrayOutputStream(bpmn.length + 64);
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("a parsed journey could not be written back", e);
    }
  }
}
