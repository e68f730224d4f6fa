package io.cairn.web.demo;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic users for the demo workspace, the end-to-end tests and the benchmarks, as a profile
 * CSV in Cairn's import format. Seeded: the same seed and size give the same file. Some values are
 * missing on purpose (no email for ~10 %, no first name for ~5 %) so that journeys meet the
 * empty-value and no-address cases a real audience has.
 */
public final class DemoPopulation {

  /** The CSV header: id, identities, then tag codes. */
  public static final String HEADER =
      "id,mobile,email,first_name,gender,city,age,member_level,registration_date,interests,"
          + "total_spend";

  static final String[] CITIES = {
    "Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Nanjing",
    "Xi'an", "Chongqing", "Suzhou", "Tianjin"
  };
  static final String[] LEVELS = {"bronze", "silver", "gold", "platinum"};
  static final String[] INTERESTS = {
    "books", "travel", "sports", "beauty", "gaming", "food", "music", "tech"
  };
  private static final String[] NAMES = {
    "Wei", "Fang", "Min", "Jing", "Lei", "Yan", "Hao", "Xin", "Ling", "Jun", "Mei", "Tao", "Hui",
    "Bo", "Qing", "Ying", "Ann", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Henry", "Iris",
    "Jack", "Kate", "Leo", "Mia", "Noah", "Olivia", "Paul"
  };

  /**
   * A tag of the demo population.
   *
   * @param code the tag code (a CSV column)
   * @param name the display name
   * @param type the tag type name (ENUM, BOOLEAN, NUMBER, DATE, MULTI, TEXT)
   */
  public record TagSpec(String code, String name, String type) {}

  /** The tags of the CSV columns after the identities. */
  public static final List<TagSpec> TAGS =
      List.of(
          new TagSpec("first_name", "First name", "TEXT"),
          new TagSpec("gender", "Gender", "ENUM"),
          new TagSpec("city", "City", "ENUM"),
          new TagSpec("age", "Age", "NUMBER"),
          new TagSpec("member_level", "Member level", "ENUM"),
          new TagSpec("registration_date", "Registration date", "DATE"),
          new TagSpec("interests", "Interests", "MULTI"),
          new TagSpec("total_spend", "Total spend", "NUMBER"));

  private DemoPopulation() {}

  /** Writes {@code users} rows (ids {@code u1 … uN}) after the header. */
  public static void writeCsv(int users, long seed, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    LocalDate firstDay = LocalDate.of(2020, 1, 1);
    out.write(HEADER);
    out.write('\n');
    StringBuilder row = new StringBuilder(160);
    for (int n = 1; n <= users; n++) {
      row.setLength(0);
      row.append('u').append(n).append(',');
      if (random.nextInt(100) >= 2) {
        row.append("+86138").append(String.format(Locale.ROOT, "%08d", n));
      }
      row.append(',');
      if (random.nextInt(100) >= 10) {
        row.append("user").append(n).append("@demo.cairn.example");
      }
      row.append(',');
      if (random.nextInt(100) >= 5) {
        row.append(NAMES[random.nextInt(NAMES.length)]);
      }
      row.append(',').append(random.nextBoolean() ? "f" : "m");
      row.append(',').append(quote(CITIES[skewed(random, CITIES.length)]));
      row.append(',').append(18 + random.nextInt(53));
      row.append(',').append(LEVELS[level(random)]);
      row.append(',').append(firstDay.plusDays(random.nextInt(2000)));
      row.append(',').append(String.join("|", interests(random)));
      row.append(',').append(spend(random));
      row.append('\n');
      out.append(row);
    }
    out.flush();
  }

  private static String quote(String s) {
    return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** Earlier entries are more frequent, like real city distributions. */
  private static int skewed(SplittableRandom random, int n) {
    return (int) Math.min(n - 1, Math.floor(-Math.log(1 - random.nextDouble()) * n / 4));
  }

  private static int level(SplittableRandom random) {
    int p = random.nextInt(100);
    return p < 50 ? 0 : p < 80 ? 1 : p < 95 ? 2 : 3;
  }

  private static List<String> interests(SplittableRandom random) {
    List<String> out = new ArrayList<>(3);
    int count = 1 + random.nextInt(3);
    int start = random.nextInt(INTERESTS.length);
    for (int i = 0; i < count; i++) {
      out.add(INTERESTS[(start + i * 3) % INTERESTS.length]);
    }
    return out;
  }

  private static String spend(SplittableRandom random) {
    double v = Math.exp(5 + 2 * random.nextDouble() + 1.5 * random.nextDouble());
    return String.format(Locale.ROOT, "%.2f", Math.min(v, 99_999.99));
  }
}
