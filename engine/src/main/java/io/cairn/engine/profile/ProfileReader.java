package io.cairn.engine.profile;

import io.cairn.connectors.channel.IdType;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** TEMPORARY stand-in until the segments branch lands. */
@Service
public class ProfileReader {
  public Map<Integer, Map<String, String>> tagValues(String entityType, int[] ids, Set<String> tags) {
    Map<Integer, Map<String, String>> m = new HashMap<>();
    for (int id : ids) {
      if (id % 10 != 0) m.put(id, Map.of("first_name", "N" + id, "city", "C" + (id % 3), "member_level", "gold"));
    }
    return m;
  }

  public Map<Integer, String> identities(String entityType, int[] ids, IdType type) {
    Map<Integer, String> m = new HashMap<>();
    for (int id : ids) m.put(id, type == IdType.EMAIL ? "u" + id + "@example.com" : "+8613" + id);
    return m;
  }
}
