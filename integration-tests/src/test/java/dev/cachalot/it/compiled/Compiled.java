package dev.cachalot.it.compiled;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cachalot.misuse.MisuseCases;
import dev.cachalot.processor.CachalotProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Sources of package {@code test} compiled by the real processor, and their classes (the generated
 * decorators included) loaded, so that a test can run what the processor made. The loader's parent
 * is the test's, so the annotations and the runtime are the ones the test sees.
 */
final class Compiled {

  private final Compilation compilation;
  private final ClassLoader loader;

  private Compiled(Compilation compilation, ClassLoader loader) {
    this.compilation = compilation;
    this.loader = loader;
  }

  /**
   * Compiles {@code sources} (simple name, then its lines, alternating is not needed: one source
   * per call of {@link #source}), which must compile without errors or warnings.
   */
  static Compiled of(Map<String, List<String>> sources) {
    return of(sources, null);
  }

  /**
   * Compiles {@code sources} against the classes of {@code earlier} as a separate compilation, as a
   * second module of a user's build compiles against the jar of the first.
   */
  static Compiled of(Map<String, List<String>> sources, Compiled earlier) {
    List<JavaFileObject> files = new ArrayList<>();
    sources.forEach(
        (name, lines) -> files.add(JavaFileObjects.forSourceLines("test." + name, lines)));
    var compiler =
        javac().withProcessors(new CachalotProcessor()).withOptions("-Xlint:all,-processing");
    if (earlier != null) {
      List<File> classpath = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classpath.add(new File(entry));
      }
      classpath.add(earlier.writeClasses().toFile());
      compiler = compiler.withClasspath(classpath);
    }
    Compilation compilation = compiler.compile(files);
    assertThat(compilation).succeededWithoutWarnings();
    return new Compiled(compilation, new Loader(compilation, earlier));
  }

  /** One source: {@code source("ProductDao", "public interface ProductDao {", ...)}. */
  static Map<String, List<String>> source(String name, String... lines) {
    List<String> all = new ArrayList<>(MisuseCases.IMPORTS);
    all.addAll(Arrays.asList(lines));
    Map<String, List<String>> sources = new java.util.LinkedHashMap<>();
    sources.put(name, all);
    return sources;
  }

  /** {@code test.<binaryName>}, loaded from this compilation (or the earlier one). */
  Class<?> type(String binaryName) {
    try {
      return Class.forName("test." + binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  Compilation compilation() {
    return compilation;
  }

  private Path writeClasses() {
    try {
      Path dir = Files.createTempDirectory("cachalot-compiled");
      dir.toFile().deleteOnExit();
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() != JavaFileObject.Kind.CLASS) {
          continue;
        }
        Path target = dir.resolve(classPath(file));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code test/ProductDao.class} for the file compile-testing calls {@code /CLASS_OUTPUT/...}. */
  private static String classPath(JavaFileObject file) {
    String name = file.toUri().getPath();
    return name.substring(name.indexOf("/test/") + 1);
  }

  /** Defines the classes of a compilation, falling back to an earlier one's, then the test's. */
  private static final class Loader extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    Loader(Compilation compilation, Compiled earlier) {
      super(earlier == null ? Compiled.class.getClassLoader() : earlier.loader);
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = classPath(file);
          String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
          try (InputStream in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Running the result

  /** A delegate implementing {@code dao}, answering with {@code handler}. */
  static Object delegate(Class<?> dao, InvocationHandler handler) {
    return Proxy.newProxyInstance(dao.getClassLoader(), new Class<?>[] {dao}, handler);
  }

  /** {@code cachalot.decorate(dao, delegate)} for an interface known only at run time. */
  @SuppressWarnings("unchecked") // delegate implements dao, all that decorate's <T> stands for
  static Object decorate(dev.cachalot.Cachalot cachalot, Class<?> dao, Object delegate) {
    return cachalot.decorate((Class<Object>) dao, delegate);
  }

  /** Calls the method {@code name} of {@code target} (the only one of that name and arity). */
  static Object call(Object target, String name, Object... args) throws Throwable {
    for (Class<?> type : target.getClass().getInterfaces()) {
      for (Method method : type.getMethods()) {
        if (method.getName().equals(name) && method.getParameterCount() == args.length) {
          try {
            method.setAccessible(true);
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }
      }
    }
    throw new AssertionError("no method " + name + "/" + args.length + " on " + target.getClass());
  }

  /** A new instance of {@code type} from the constructor that takes {@code args}. */
  static Object construct(Class<?> type, Object... args) throws ReflectiveOperationException {
    for (var constructor : type.getDeclaredConstructors()) {
      if (constructor.getParameterCount() == args.length) {
        constructor.setAccessible(true);
        return constructor.newInstance(args);
      }
    }
    throw new AssertionError("no constructor of " + args.length + " arguments in " + type);
  }
}
