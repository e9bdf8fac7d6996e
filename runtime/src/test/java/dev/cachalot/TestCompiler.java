package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles DAO sources in-process without the annotation processor (so no decorator is generated
 * and decorate() builds one at run time), and loads them. Close it to release its class loaders.
 */
final class TestCompiler implements AutoCloseable {

  private final Path dir;
  private final List<URLClassLoader> loaders = new ArrayList<>();
  private int compilations;

  TestCompiler(Path dir) {
    this.dir = dir;
  }

  /**
   * Compiles {@code sources} (simple name of package {@code test} to lines), with {@code
   * -parameters} when {@code parameterNames}, and returns a class loader for the result whose
   * parent is the test's (so that the annotations and Cachalot are the ones the test sees).
   */
  ClassLoader compile(Map<String, List<String>> sources, boolean parameterNames) {
    try {
      Path root = dir.resolve("compilation" + compilations++);
      Path sourceDir = Files.createDirectories(root.resolve("src/test"));
      Path classes = Files.createDirectories(root.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, List<String>> source : sources.entrySet()) {
        Path file = sourceDir.resolve(source.getKey() + ".java");
        Files.write(file, source.getValue(), StandardCharsets.UTF_8);
        files.add(file);
      }
      List<String> options = new ArrayList<>(List.of("-proc:none"));
      if (parameterNames) {
        options.add("-parameters");
      }
      options.addAll(
          List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      boolean compiled;
      try (StandardJavaFileManager fileManager =
          javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
        compiled = javac.getTask(null, fileManager, diagnostics, options, null, units).call();
      }
      assertThat(compiled)
          .as("the test source compiles: %s", diagnostics.getDiagnostics())
          .isTrue();
      URLClassLoader loader =
          new URLClassLoader(
              new URL[] {classes.toUri().toURL()}, TestCompiler.class.getClassLoader());
      loaders.add(loader);
      return loader;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code sources} and loads {@code test.<name>}. */
  Class<?> load(String name, Map<String, List<String>> sources, boolean parameterNames) {
    try {
      return Class.forName("test." + name, true, compile(sources, parameterNames));
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** A delegate implementing {@code dao} whose methods all throw. */
  static Object unusedDelegate(Class<?> dao) {
    return delegate(
        dao,
        (proxy, method, args) -> {
          throw new UnsupportedOperationException(method.getName() + " is not for this test");
        });
  }

  static Object delegate(Class<?> dao, InvocationHandler handler) {
    return Proxy.newProxyInstance(dao.getClassLoader(), new Class<?>[] {dao}, handler);
  }

  /**
   * {@code cachalot.decorate(dao, delegate)} for an interface known only at run time. The unchecked
   * cast is what lets the compiler accept the call; {@code delegate} implements {@code dao}, which
   * is all that decorate's {@code <T>} stands for (decorate checks it again).
   */
  @SuppressWarnings("unchecked")
  static Object decorate(Cachalot cachalot, Class<?> dao, Object delegate) {
    return cachalot.decorate((Class<Object>) dao, delegate);
  }

  @Override
  public void close() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }
}
