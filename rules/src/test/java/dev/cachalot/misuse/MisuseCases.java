package dev.cachalot.misuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table of misuse cases ({@code misuse-cases.txt} next to this class), which both the
 * processor's suite and the runtime's suite run, so that the two decorator builders are held to the
 * same messages on the same sources. Shipped in the test jar of this module.
 */
public final class MisuseCases {

  /** Which suite runs a case. */
  public enum Path {
    /** The processor: a javac error on the case's line. */
    COMPILE,
    /** The runtime: decorate() of the source compiled without the processor throws. */
    RUN
  }

  /**
   * One misuse.
   *
   * @param message the name of the {@code Message} the case is about (a name rather than the
   *     constant, as the rules export their packages to the processor and the runtime only)
   * @param title what it shows
   * @param paths the suites that run it
   * @param errors how many errors the compilation or the decorate() reports
   * @param file the source file of {@code line}
   * @param line a part of the line the compile-time message is attached to, or null
   * @param texts parts of the message text, each of which must appear
   * @param dao the simple name of the interface the run-time suite decorates
   * @param parameterNames whether the run-time suite compiles with {@code -parameters}
   * @param sources the source files, by simple name, with package and imports
   * @param warning whether the message is a warning: the decorator is built all the same
   */
  public record Case(
      String message,
      String title,
      Set<Path> paths,
      int errors,
      String file,
      String line,
      List<String> texts,
      String dao,
      boolean parameterNames,
      Map<String, List<String>> sources,
      boolean warning) {

    @Override
    public String toString() {
      return message + ": " + title;
    }
  }

  /** The package and imports every source of the table starts with. */
  public static final List<String> IMPORTS =
      List.of(
          "package test;",
          "",
          "import dev.cachalot.annotations.CacheAside;",
          "import dev.cachalot.annotations.CacheDefaults;",
          "import dev.cachalot.annotations.CacheValue;",
          "import dev.cachalot.annotations.Invalidate;",
          "import dev.cachalot.annotations.Key;",
          "import dev.cachalot.annotations.WriteBehind;",
          "import dev.cachalot.annotations.WriteThrough;",
          "import java.util.List;",
          "import java.util.Optional;",
          "import java.util.Set;",
          "");

  private MisuseCases() {}

  /** Every case of the table, in order. */
  public static List<Case> all() {
    List<String> lines;
    try (InputStream in = MisuseCases.class.getResourceAsStream("misuse-cases.txt")) {
      if (in == null) {
        throw new IllegalStateException("misuse-cases.txt is missing from the class path");
      }
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < lines.size(); ) {
      String header = lines.get(i);
      if (!header.startsWith("=== ")) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("=== ")) {
        end++;
      }
      cases.add(parse(header.substring(4), lines.subList(i + 1, end)));
      i = end;
    }
    return cases;
  }

  /** The cases a suite runs. */
  public static List<Case> of(Path path) {
    return all().stream().filter(c -> c.paths().contains(path)).toList();
  }

  private static Case parse(String header, List<String> body) {
    int colon = header.indexOf(':');
    String message = header.substring(0, colon).strip();
    String title = header.substring(colon + 1).strip();
    Set<Path> paths = EnumSet.allOf(Path.class);
    int errors = 1;
    String file = null;
    String line = null;
    String dao = null;
    boolean parameterNames = true;
    boolean warning = false;
    List<String> texts = new ArrayList<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    List<String> current = null;
    for (String row : body) {
      if (row.startsWith("--- ")) {
        current = new ArrayList<>(IMPORTS);
        sources.put(row.substring(4).strip(), current);
      } else if (current != null) {
        current.add(row);
      } else if (row.isBlank() || row.startsWith("#")) {
        continue;
      } else {
        int separator = row.indexOf(": ");
        String key = row.substring(0, separator);
        String value = row.substring(separator + 2);
        switch (key) {
          case "paths" -> {
            paths = EnumSet.noneOf(Path.class);
            for (String path : value.split(",")) {
              paths.add(Path.valueOf(path.strip().toUpperCase(java.util.Locale.ROOT)));
            }
          }
          case "errors" -> errors = Integer.parseInt(value.strip());
          case "file" -> file = value.strip();
          case "line" -> line = value;
          case "text" -> texts.add(value);
          case "dao" -> dao = value.strip();
          case "parameters" -> parameterNames = Boolean.parseBoolean(value.strip());
          case "severity" -> warning = value.strip().equals("warning");
          default -> throw new IllegalStateException("unknown key " + key + " in case " + header);
        }
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalStateException("case " + header + " has no source");
    }
    String first = sources.keySet().iterator().next();
    return new Case(
        message,
        title,
        paths,
        errors,
        file == null ? first : file,
        line,
        List.copyOf(texts),
        dao == null ? first : dao,
        parameterNames,
        sources,
        warning);
  }
}
