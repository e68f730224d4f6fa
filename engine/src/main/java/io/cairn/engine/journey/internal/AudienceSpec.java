package io.cairn.engine.journey.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a "save as audience" node makes [6.5.3.12], read from its properties: {@code name} (1–128
 * characters), optional {@code groupId} (the segment folder), {@code visibility} PUBLIC (default:
 * the workspace sees it) or PRIVATE, optional {@code remark} (≤ 256 characters, shown as the
 * segment's usage scenario).
 */
record AudienceSpec(String name, Long groupId, String visibility, String remark) {

  static final int MAX_NAME = 128;
  static final int MAX_REMARK = 256;

  /** Reads the properties; returns null and adds to {@code problems} when they are not valid. */
  static AudienceSpec parse(Map<String, String> props, List<String> problems) {
    int before = problems.size();
    String name = props.getOrDefault("name", "").trim();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      problems.add("the audience name has 1 to " + MAX_NAME + " characters");
    }
    String group = props.getOrDefault("groupId", "").trim();
    if (!group.isEmpty() && !group.matches("[0-9]{1,18}")) {
      problems.add("groupId is the numeric id of a segment folder");
    }
    String visibility = props.getOrDefault("visibility", "PUBLIC").trim().toUpperCase(Locale.ROOT);
    if (!visibility.equals("PUBLIC") && !visibility.equals("PRIVATE")) {
      problems.add("visibility must be PUBLIC or PRIVATE");
    }
    String remark = props.getOrDefault("remark", "").trim();
    if (remark.length() > MAX_REMARK) {
      problems.add("the remark has at most " + MAX_REMARK + " characters");
    }
    if (problems.size() > before) {
      return null;
    }
    return new AudienceSpec(
        name,
        group.isEmpty() ? null : Long.parseLong(group),
        visibility,
        remark.isEmpty() ? null : remark);
  }
}
