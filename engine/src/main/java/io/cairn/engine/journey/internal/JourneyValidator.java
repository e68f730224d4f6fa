package io.cairn.engine.journey.internal;

import io.cairn.connectors.channel.Channel;
import io.cairn.engine.journey.JourneyMode;
import io.cairn.engine.problem.InvalidInputException;
import io.cairn.engine.problem.Violation;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks an uploaded journey BPMN before Camunda sees it. The file is hostile until proven
 * otherwise: no DTDs or entities, no script tasks, no expression or class delegates other than
 * Cairn's own constants, no listeners, only Cairn components, and a complete, connected diagram.
 * Every problem found is reported at once, each naming the BPMN element id.
 */
final class JourneyValidator {

  static final int MAX_BYTES = 2 * 1024 * 1024;
  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  private static final int MAX_BRANCHES = 10;

  /** Elements a journey process may contain besides Cairn's components. */
  private static final Set<String> NEUTRAL =
      Set.of("documentation", "extensionElements", "textAnnotation", "association", "laneSet");

  /** Camunda attributes that make the engine evaluate or load something. */
  private static final Set<String> EXECUTING_ATTRIBUTES =
      Set.of(
          "class",
          "expression",
          "delegateExpression",
          "resultVariable",
          "type",
          "topic",
          "resource",
          "variableMappingClass",
          "variableMappingDelegateExpression",
          "calledElement",
          "decisionRef");

  /** Tag, copy and time branches, save as audience, modes. */
  private final ComponentChecks components;

  private final LongFunction<Optional<String>> segmentEntityType;
  private final SettingsProblems settingsProblems;
  private final Clock clock;
  private final BranchChecks branches;
  private final ZoneId defaultZone;
  private final boolean audienceKeyConfigured;
  private final EventModeChecks eventChecks;

  /** What is wrong with an action's settings for its connector. */
  @FunctionalInterface
  interface SettingsProblems {
    /**
     * @param connectorId the connector the component chose, {@code null} for the channel's own
     */
    List<String> of(Channel channel, String connectorId, Map<String, String> settings);
  }

  /**
   * What a journey is checked against.
   *
   * @param segmentEntityType the entity type of an existing segment, or empty when there is none
   * @param settingsProblems what is wrong with an action's settings for its connector (an
   *     unconfigured connector is one)
   * @param clock bounds time-based settings (a wait until a date ends within 30 days from now)
   * @param branches checks behaviour branches against the event catalogue and result branches
   *     against the ledger's feedback windows
   * @param lookups checks tag branches' rules and "save as audience" folders
   * @param defaultZone the time zone of a schedule that names none ({@code
   *     cairn.journeys.time-zone})
   * @param audienceKeyConfigured whether an organisation AES key is configured, without which an
   *     entry with encrypted ids cannot run
   * @param events the event catalogue that event entries and event-mode behaviour branches name
   */
  record Context(
      LongFunction<Optional<String>> segmentEntityType,
      SettingsProblems settingsProblems,
      Clock clock,
      BranchChecks branches,
      ComponentLookups lookups,
      ZoneId defaultZone,
      boolean audienceKeyConfigured,
      EventModeChecks.EventCatalog events) {

    /** Only segments and settings checked; the rest answers "unavailable" (tests). */
    static Context of(
        LongFunction<Optional<String>> segmentEntityType,
        SettingsProblems settingsProblems,
        Clock clock) {
      return new Context(
          segmentEntityType,
          settingsProblems,
          clock,
          BranchChecks.unavailable(clock),
          ComponentLookups.NONE,
          ZoneOffset.UTC,
          false,
          EventModeChecks.EventCatalog.NONE);
    }

    Context withBranches(BranchChecks checks) {
      return new Context(segmentEntityType, settingsProblems, clock, checks, lookups,
          defaultZone, audienceKeyConfigured, events);
    }

    Context withLookups(ComponentLookups found) {
      return new Context(segmentEntityType, settingsProblems, clock, branches, found,
          defaultZone, audienceKeyConfigured, events);
    }

    Context withSchedules(ZoneId zone, boolean keyConfigured) {
      return new Context(segmentEntityType, settingsProblems, clock, branches, lookups, zone,
          keyConfigured, events);
    }

    Context withEvents(EventModeChecks.EventCatalog catalog) {
      return new Context(segmentEntityType, settingsProblems, clock, branches, lookups,
          defaultZone, audienceKeyConfigured, catalog);
    }
  }

  /** A validator with the given lookups and no branch, folder or schedule lookups (tests). */
  JourneyValidator(
      LongFunction<Optional<String>> segmentEntityType,
      SettingsProblems settingsProblems,
      Clock clock) {
    this(Context.of(segmentEntityType, settingsProblems, clock));
  }

  JourneyValidator(Context context) {
    this.segmentEntityType = context.segmentEntityType();
    this.settingsProblems = context.settingsProblems();
    this.clock = context.clock();
    this.branches = context.branches();
    this.components = new ComponentChecks(context.lookups(), context.clock());
    this.defaultZone = context.defaultZone();
    this.audienceKeyConfigured = context.audienceKeyConfigured();
    this.eventChecks = new EventModeChecks(context.events());
  }

  /** Returns the validated journey or throws {@link InvalidInputException} listing every issue. */
  ValidatedJourney validate(byte[] bpmn) {
    if (bpmn == null || bpmn.length == 0) {
      throw invalid(List.of(new Violation("bpmn", "the BPMN file is empty")));
    }
    if (bpmn.length > MAX_BYTES) {
      throw invalid(List.of(new Violation("bpmn", "the BPMN file exceeds 2 MB")));
    }
    Document doc = parse(bpmn);
    List<Violation> violations = new ArrayList<>();
    forbidExecutingConstructs(doc.getDocumentElement(), violations);
    List<Element> processes = children(doc.getDocumentElement(), "process");
    if (processes.size() != 1) {
      violations.add(new Violation("definitions", "a journey contains exactly one process"));
      throw invalid(violations);
    }
    Element process = processes.get(0);
    String key = process.getAttribute("id");
    if (!"true".equals(process.getAttribute("isExecutable"))) {
      violations.add(new Violation(key, "the process must be executable (isExecutable=\"true\")"));
    }
    Graph graph = readGraph(process, violations);
    ValidatedJourney journey = checkNodes(key, graph, violations);
    checkPaths(graph, violations);
    components.tagRules(graph.flows, journey.entityType(), violations);
    ComponentChecks.flowPlacement(graph.flows, graph.nodes, violations);
    ComponentChecks.reservedIds(graph.nodes.values(), violations);
    ComponentChecks.reservedIds(graph.flows.values(), violations);
    ComponentChecks.modes(graph.nodes.values(), journey.mode(), violations);
    ComponentChecks.modes(graph.flows.values(), journey.mode(), violations);
    if (!violations.isEmpty()) {
      throw invalid(violations);
    }
    return journey;
  }

  private static InvalidInputException invalid(List<Violation> violations) {
    return new InvalidInputException(
        "invalid-bpmn", "The journey is not valid and was not saved", violations);
  }

  static Document parse(byte[] bpmn) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      // XXE: no DOCTYPE at all, so no entities, external or internal, and no billion laughs.
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      return b.parse(new ByteArrayInputStream(bpmn));
    } catch (SAXParseException e) {
      String msg =
          e.getMessage() != null && e.getMessage().contains("DOCTYPE")
              ? "DOCTYPE declarations and entities are not allowed in a journey"
              : "not well-formed XML at line " + e.getLineNumber() + ": " + e.getMessage();
      throw invalid(List.of(new Violation("bpmn", msg)));
    } catch (Exception e) {
      throw invalid(List.of(new Violation("bpmn", "not a readable BPMN file")));
    }
  }

  /** Rejects anything, anywhere in the file, that would make Camunda run user-given code. */
  private static void forbidExecutingConstructs(Element root, List<Violation> violations) {
    walk(
        root,
        el -> {
          String owner = ownerId(el);
          String local = el.getLocalName();
          if (BPMN_NS.equals(el.getNamespaceURI())
              && Set.of("timeDate", "timeDuration", "timeCycle").contains(local)) {
            violations.add(
                new Violation(
                    owner,
                    "timer expressions are not allowed; set the wait in the component's properties"));
          }
          if (BPMN_NS.equals(el.getNamespaceURI())
              && Set.of("message", "signal", "escalation", "error").contains(local)) {
            violations.add(
                new Violation(owner, "bpmn:" + local + " definitions are written by Cairn, not uploaded"));
          }
          if (BPMN_NS.equals(el.getNamespaceURI())
              && Set.of("scriptTask", "script", "conditionExpression").contains(local)) {
            violations.add(
                new Violation(
                    owner,
                    local.equals("conditionExpression")
                        ? "conditions are not allowed; use a Cairn branch component"
                        : "script tasks are not allowed in a journey"));
          }
          if (Component.CAMUNDA_NS.equals(el.getNamespaceURI())
              && !Set.of("properties", "property").contains(local)) {
            violations.add(
                new Violation(owner, "camunda:" + local + " is not allowed in a journey"));
          }
          for (String attr : EXECUTING_ATTRIBUTES) {
            if (el.hasAttributeNS(Component.CAMUNDA_NS, attr)
                && !isCairnDelegate(el, attr)) {
              violations.add(
                  new Violation(owner, "camunda:" + attr + " is not allowed in a journey"));
            }
          }
        });
  }

  private static boolean isCairnDelegate(Element el, String attr) {
    if (!"delegateExpression".equals(attr) || !"serviceTask".equals(el.getLocalName())) {
      return false;
    }
    String template = el.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate");
    String expr = el.getAttributeNS(Component.CAMUNDA_NS, attr);
    return Component.byTemplate(template)
        .map(c -> c.delegateExpression != null && c.delegateExpression.equals(expr))
        .orElse(false);
  }

  private static String ownerId(Element el) {
    for (Node n = el; n instanceof Element e; n = n.getParentNode()) {
      if (!e.getAttribute("id").isEmpty()) {
        return e.getAttribute("id");
      }
    }
    return "definitions";
  }

  private Graph readGraph(Element process, List<Violation> violations) {
    Graph g = new Graph();
    for (Element el : children(process, null)) {
      String local = el.getLocalName();
      String id = el.getAttribute("id");
      if (!BPMN_NS.equals(el.getNamespaceURI()) || NEUTRAL.contains(local)) {
        continue;
      }
      switch (local) {
        case "sequenceFlow" -> g.flows.put(id, el);
        case "startEvent",
                "endEvent",
                "exclusiveGateway",
                "parallelGateway",
                "serviceTask",
                "intermediateCatchEvent" ->
            g.nodes.put(id, el);
        case "scriptTask" -> {} // already reported
        default ->
            violations.add(new Violation(id, local + " is not a Cairn journey component"));
      }
    }
    for (Element flow : g.flows.values()) {
      String id = flow.getAttribute("id");
      String source = flow.getAttribute("sourceRef");
      String target = flow.getAttribute("targetRef");
      if (!g.nodes.containsKey(source) || !g.nodes.containsKey(target)) {
        violations.add(new Violation(id, "the flow must connect two journey components"));
        continue;
      }
      g.outgoing.computeIfAbsent(source, k -> new ArrayList<>()).add(flow);
      g.incoming.computeIfAbsent(target, k -> new ArrayList<>()).add(flow);
    }
    return g;
  }

  private ValidatedJourney checkNodes(String key, Graph g, List<Violation> violations) {
    boolean eventMode =
        g.nodes.values().stream()
            .anyMatch(
                n ->
                    Component.EVENT_ENTRY.templateId.equals(
                        n.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate")));
    Long segmentId = null;
    String entityType = null;
    AudienceEntry entry = null;
    int starts = 0;
    for (Element node : g.nodes.values()) {
      String id = node.getAttribute("id");
      String label = label(node);
      Optional<Component> component =
          Component.byTemplate(node.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"));
      String local = node.getLocalName();
      if (local.equals("endEvent")) {
        if (hasChild(node, "EventDefinition")) {
          violations.add(new Violation(id, label + ": only plain end events are allowed"));
        }
        continue;
      }
      if (component.isEmpty() && local.equals("parallelGateway")) {
        violations.add(
            new Violation(id, label + ": a parallel gateway is a Copy branch or a Time branch;"
                + " joining branches is not a journey component"));
        continue;
      }
      if (component.isEmpty() || !component.get().bpmnElement.equals(local)) {
        violations.add(
            new Violation(id, label + " is not configured as a Cairn component (apply a template)"));
        continue;
      }
      Map<String, String> props = properties(node);
      switch (component.get()) {
        case AUDIENCE_ENTRY -> {
          starts++;
          if (hasChild(node, "EventDefinition")) {
            violations.add(new Violation(id, label + ": timer/message starts are not supported yet"));
          }
          String seg = props.getOrDefault("segmentId", "").trim();
          if (!seg.matches("[0-9]{1,18}")) {
            violations.add(new Violation(id, label + ": choose the segment that enters (segmentId)"));
          } else {
            segmentId = Long.parseLong(seg);
            entityType = segmentEntityType.apply(segmentId).orElse(null);
            if (entityType == null) {
              violations.add(new Violation(id, label + ": segment " + seg + " does not exist"));
            }
          }
          entry = checkEntry(props, id, label, violations);
        }
        case RANDOM_SPLIT -> checkSplit(node, label, g, violations);
        case TAG_BRANCH -> components.tagBranch(node, label, g.outgoing.getOrDefault(id, List.of()), violations);
        case COPY_BRANCH -> components.copyBranch(node, label, g.outgoing.getOrDefault(id, List.of()), violations);
        case TIME_BRANCH -> components.timeBranch(node, label, g.outgoing.getOrDefault(id, List.of()), violations);
        case SAVE_AUDIENCE -> components.saveAudience(node, label, props, violations);
        case TAG_RULE, TIME_BRANCH_FLOW -> {} // flow templates; never on a node
        // with a content template, the template supplies the content (TemplateSettingsCheck)
        case SEND_SMS -> requireContent(props, id, label, violations, "template");
        case SEND_EMAIL -> requireContent(props, id, label, violations, "from", "subject", "body");
        case SEND_PUSH -> requireContent(props, id, label, violations, "title", "body");
        case CALL_WEBHOOK -> require(props, id, label, violations, "webhook", "idType");
        case ISSUE_COUPON -> require(props, id, label, violations, "coupon");
        case PUSH_KAFKA -> {
          require(props, id, label, violations, "cluster", "topic", "idType");
          checkKafkaPlacement(node, label, g, violations);
        }
        // Ad audiences are for audience-triggered journeys only; every journey has an audience
        // entry today (checked below), so there is no event-triggered journey to refuse yet.
        case PUSH_GOOGLE_ADS_AUDIENCE ->
            require(props, id, label, violations, "customerId", "userListId", "idType");
        case PUSH_META_AUDIENCE -> require(props, id, label, violations, "audienceId", "idType");
        case WAIT -> checkWait(node, label, props, violations);
        case EVENT_ENTRY -> starts++; // configuration: EventModeChecks
        case BEHAVIOUR_BRANCH -> {
          if (!eventMode) { // event mode: EventModeChecks
            branches.checkBehaviour(
                node, label, g.outgoing.getOrDefault(id, List.of()), g::has, violations);
          }
        }
        case RESULT_BRANCH ->
            branches.checkResult(
                node, label, g.sources(id), g.outgoing.getOrDefault(id, List.of()), g::has, violations);
        case SPLIT_BRANCH, BEHAVIOUR_FLOW, RESULT_FLOW -> {} // flow templates; never on a node
      }
      if (component.get().isAction()) {
        checkEmptyPolicy(props, id, label, violations);
        Component c = component.get();
        for (String problem : settingsProblems.of(c.channel, c.connectorId, props)) {
          violations.add(new Violation(id, label + ": " + problem));
        }
      }
    }
    if (starts != 1) {
      violations.add(new Violation(key, "a journey has exactly one entry (audience or event)"));
    }
    if (eventChecks.check(g.nodes.values(), g.outgoing, JourneyValidator::label, violations)) {
      return new ValidatedJourney(
          key, JourneyMode.EVENT, null, EventEntryCompiler.ENTITY_TYPE, null);
    }
    checkBehaviourEntityType(g, entityType, violations);
    return new ValidatedJourney(key, JourneyMode.AUDIENCE, segmentId, entityType, entry);
  }

  /** The audience entry's schedule and id encryption, each bad value reported on its own. */
  private AudienceEntry checkEntry(
      Map<String, String> props, String id, String label, List<Violation> violations) {
    List<String> problems = new ArrayList<>();
    AudienceEntry entry = AudienceEntry.parse(props, defaultZone, problems);
    problems.forEach(p -> violations.add(new Violation(id, label + ": " + p)));
    if ("true".equalsIgnoreCase(props.getOrDefault("idsEncrypted", "").trim())
        && !audienceKeyConfigured) {
      violations.add(
          new Violation(
              id,
              label
                  + ": ids are AES-encrypted, but no organisation key is configured"
                  + " (cairn.journeys.audience-key)"));
    }
    return entry;
  }

  /** Events belong to users: a behaviour branch needs a journey of users. */
  private static void checkBehaviourEntityType(Graph g, String entityType, List<Violation> v) {
    if (entityType == null || entityType.equals("user")) {
      return;
    }
    for (Element node : g.nodes.values()) {
      if (Component.BEHAVIOUR_BRANCH.templateId.equals(
          node.getAttributeNS(Component.CAMUNDA_NS, "modelerTemplate"))) {
        v.add(
            new Violation(
                node.getAttribute("id"),
                label(node) + ": events belong to users; this journey's audience is " + entityType));
      }
    }
  }

  private static void checkSplit(Element node, String label, Graph g, List<Violation> v) {
    String id = node.getAttribute("id");
    List<Element> out = g.outgoing.getOrDefault(id, List.of());
    if (out.size() < 2 || out.size() > MAX_BRANCHES) {
      v.add(new Violation(id, label + ": a random split has 2 to " + MAX_BRANCHES + " branches"));
    }
    double sum = 0;
    for (Element flow : out) {
      String flowId = flow.getAttribute("id");
      String pct = properties(flow).getOrDefault("percentage", "").trim();
      try {
        double p = Double.parseDouble(pct);
        if (p < 0 || p > 100) {
          throw new NumberFormatException();
        }
        sum += p;
      } catch (NumberFormatException e) {
        v.add(new Violation(flowId, "branch " + label(flow) + ": percentage must be 0–100"));
      }
    }
    if (!out.isEmpty() && Math.abs(sum - 100.0) > 1e-6) {
      v.add(new Violation(id, label + ": branch percentages sum to " + sum + ", not 100"));
    }
  }

  private void checkWait(
      Element node, String label, Map<String, String> props, List<Violation> v) {
    String id = node.getAttribute("id");
    List<Element> definitions =
        children(node, null).stream().filter(c -> c.getLocalName().endsWith("EventDefinition")).toList();
    // The modeller draws a wait as a timer catch event: an empty timer definition is fine, Cairn
    // writes its content (JourneyCompiler); timer expressions were refused above.
    if (definitions.size() > 1
        || definitions.stream().anyMatch(d -> !d.getLocalName().equals("timerEventDefinition"))) {
      v.add(new Violation(id, label + ": a wait is a timer catch event; remove other event definitions"));
    }
    List<String> problems = new ArrayList<>();
    WaitSpec.parse(props, clock.instant(), problems);
    problems.forEach(p -> v.add(new Violation(id, label + ": " + p)));
  }

  private static void requireContent(
      Map<String, String> props, String id, String label, List<Violation> v, String... names) {
    if (props.getOrDefault("templateId", "").isBlank()) {
      require(props, id, label, v, names);
    }
  }

  /**
   * The reference product places Push to Kafka right after the journey's start (or after a
   * "generate audience" node, which Cairn does not have yet): it pushes the entering audience.
   */
  private static void checkKafkaPlacement(Element node, String label, Graph g, List<Violation> v) {
    for (Element flow : g.incoming.getOrDefault(node.getAttribute("id"), List.of())) {
      Element source = g.nodes.get(flow.getAttribute("sourceRef"));
      if (source == null || !source.getLocalName().equals("startEvent")) {
        v.add(
            new Violation(
                node.getAttribute("id"),
                label + ": Push to Kafka must follow the audience entry directly"));
        return;
      }
    }
  }

  private static void require(
      Map<String, String> props, String id, String label, List<Violation> v, String... names) {
    for (String name : names) {
      if (props.getOrDefault(name, "").isBlank()) {
        v.add(new Violation(id, label + ": " + name + " is not configured"));
      }
    }
  }

  private static void checkEmptyPolicy(
      Map<String, String> props, String id, String label, List<Violation> v) {
    String policy = props.getOrDefault("onEmptyValue", "SKIP");
    if (!Set.of("SKIP", "REPLACE").contains(policy)) {
      v.add(new Violation(id, label + ": onEmptyValue must be SKIP or REPLACE"));
    }
  }

  /** Every path ends in an action or an end event, and every component is reachable. */
  private static void checkPaths(Graph g, List<Violation> violations) {
    for (Element node : g.nodes.values()) {
      String id = node.getAttribute("id");
      String local = node.getLocalName();
      boolean hasOut = !g.outgoing.getOrDefault(id, List.of()).isEmpty();
      boolean hasIn = !g.incoming.getOrDefault(id, List.of()).isEmpty();
      if (!hasOut && !local.equals("serviceTask") && !local.equals("endEvent")) {
        violations.add(new Violation(id, label(node) + " leads nowhere: connect it"));
      }
      if (!hasIn && !local.equals("startEvent")) {
        violations.add(new Violation(id, label(node) + " is not reachable from the entry"));
      }
      if (hasIn && local.equals("startEvent")) {
        violations.add(new Violation(id, "nothing may flow back into the entry"));
      }
    }
  }

  static Map<String, String> properties(Element el) {
    Map<String, String> props = new LinkedHashMap<>();
    for (Element ext : children(el, "extensionElements")) {
      walk(
          ext,
          p -> {
            if (Component.CAMUNDA_NS.equals(p.getNamespaceURI())
                && "property".equals(p.getLocalName())) {
              props.put(p.getAttribute("name"), p.getAttribute("value"));
            }
          });
    }
    return props;
  }

  static String label(Element el) {
    String name = el.getAttribute("name");
    return name.isBlank() ? el.getLocalName() + " " + el.getAttribute("id") : "\"" + name + "\"";
  }

  private static boolean hasChild(Element el, String suffix) {
    return children(el, null).stream().anyMatch(c -> c.getLocalName().endsWith(suffix));
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && (localName == null || localName.equals(e.getLocalName()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static void walk(Element el, java.util.function.Consumer<Element> visitor) {
    visitor.accept(el);
    for (Element child : children(el, null)) {
      walk(child, visitor);
    }
  }

  private static final class Graph {
    final Map<String, Element> nodes = new LinkedHashMap<>();
    final Map<String, Element> flows = new LinkedHashMap<>();
    final Map<String, List<Element>> outgoing = new HashMap<>();
    final Map<String, List<Element>> incoming = new HashMap<>();

    boolean has(String id) {
      return nodes.containsKey(id) || flows.containsKey(id);
    }

    /** The nodes with a flow into {@code id}. */
    List<Element> sources(String id) {
      List<Element> out = new ArrayList<>();
      for (Element flow : incoming.getOrDefault(id, List.of())) {
        out.add(nodes.get(flow.getAttribute("sourceRef")));
      }
      return out;
    }
  }

  /**
   * What the rest of the runtime needs from a valid journey.
   *
   * @param processKey the BPMN process id
   * @param mode how the journey executes, decided by its entry
   * @param segmentId the entry segment (audience mode), else null
   * @param entityType the entity type that travels through the journey
   * @param entry the audience entry's schedule and settings (audience mode), else null
   */
  record ValidatedJourney(
      String processKey,
      JourneyMode mode,
      Long segmentId,
      String entityType,
      AudienceEntry entry) {}
}
