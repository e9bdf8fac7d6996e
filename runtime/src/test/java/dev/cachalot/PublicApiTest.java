package dev.cachalot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What users compile against: the packages the module exports, and in them only the types listed
 * here, whose public signatures name nothing outside the exported packages and the JDK. A new
 * public type, or a public method that leaks an internal type, fails this test until the change of
 * API is made on purpose (here and in the README).
 */
class PublicApiTest {

  private static final Set<String> EXPORTED =
      Set.of("dev.cachalot", "dev.cachalot.store", "dev.cachalot.internal");

  private static final Set<String> USER_API =
      Set.of(
          "dev.cachalot.Cachalot",
          "dev.cachalot.Cachalot$Builder",
          "dev.cachalot.CachalotException",
          "dev.cachalot.CacheEvent",
          "dev.cachalot.CacheEvent$Kind",
          "dev.cachalot.CacheHandle",
          "dev.cachalot.CacheListener",
          "dev.cachalot.CacheLoadException",
          "dev.cachalot.CacheSpec",
          "dev.cachalot.CacheStats",
          "dev.cachalot.WriteBehindException",
          "dev.cachalot.WriteBehindFullException",
          "dev.cachalot.store.CaffeineStore",
          "dev.cachalot.store.CaffeineStore$Builder",
          "dev.cachalot.store.EntryCodec",
          "dev.cachalot.store.JournalSync",
          "dev.cachalot.store.LocalJournal",
          "dev.cachalot.store.LocalJournal$Builder",
          "dev.cachalot.store.EntryCodec$UndecodableEntryException",
          "dev.cachalot.store.Lease",
          "dev.cachalot.store.Lease$Denied",
          "dev.cachalot.store.Lease$Filled",
          "dev.cachalot.store.Lease$Granted",
          "dev.cachalot.store.Store",
          "dev.cachalot.store.StoreCache",
          "dev.cachalot.store.StoreUnavailableException",
          "dev.cachalot.store.WriteBehindLog",
          "dev.cachalot.store.WriteBehindLog$Adopter",
          "dev.cachalot.store.WriteBehindLog$CacheLog",
          "dev.cachalot.store.WriteBehindLog$Claim",
          "dev.cachalot.store.WriteBehindLog$Entry",
          "dev.cachalot.store.WriteBehindLogException");

  /** What generated code calls: exported, documented as not API. */
  private static final Set<String> GENERATED_CODE_API =
      Set.of(
          "dev.cachalot.internal.ArrayKey",
          "dev.cachalot.internal.BatchWrite",
          "dev.cachalot.internal.CacheAsideEngine",
          "dev.cachalot.internal.CacheDeclaration",
          "dev.cachalot.internal.CacheDeclaration$Builder",
          "dev.cachalot.internal.CacheEngine",
          "dev.cachalot.internal.CompositeKey",
          "dev.cachalot.internal.CompositeKey$Parts",
          "dev.cachalot.internal.DecoratedMethod",
          "dev.cachalot.internal.DecoratedMethod$Arguments",
          "dev.cachalot.internal.DecoratedMethod$NoArguments",
          "dev.cachalot.internal.DecoratedMethod$OneArgument",
          "dev.cachalot.internal.DecoratorContext",
          "dev.cachalot.internal.DeferredWrite",
          "dev.cachalot.internal.InvalidationTarget",
          "dev.cachalot.internal.Loading",
          "dev.cachalot.internal.ResultWriting",
          "dev.cachalot.internal.SingleKey",
          "dev.cachalot.internal.Types",
          "dev.cachalot.internal.ValueWriting",
          "dev.cachalot.internal.WriteBehindEngine",
          "dev.cachalot.internal.WriteBehindMethod",
          "dev.cachalot.internal.WriteCall",
          "dev.cachalot.internal.WriteThroughEngine",
          "dev.cachalot.internal.Writing");

  private static Path classes() throws URISyntaxException {
    return Path.of(Cachalot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theModuleExportsTheUserApiTheStoreSpiAndTheInternalPackageOnly() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }

    assertThat(descriptor.name()).isEqualTo("dev.cachalot.runtime");
    assertThat(descriptor.exports())
        .allSatisfy(export -> assertThat(export.isQualified()).isFalse())
        .extracting(ModuleDescriptor.Exports::source)
        .containsExactlyInAnyOrderElementsOf(EXPORTED);
    assertThat(descriptor.opens()).isEmpty();
  }

  @Test
  void theExportedPackagesHoldOnlyTheListedPublicTypes() throws Exception {
    Set<String> expected = new TreeSet<>(USER_API);
    expected.addAll(GENERATED_CODE_API);

    assertThat(publicTypesOfExportedPackages()).containsExactlyElementsOf(expected);
  }

  @Test
  void theUserApiNamesNoTypeOutsideTheExportedPackagesAndTheJdk() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String name : publicTypesOfExportedPackages()) {
      Class<?> type = Class.forName(name);
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic()) {
          check(method.getGenericReturnType(), type, method, leaks);
          for (Type parameter : method.getGenericParameterTypes()) {
            check(parameter, type, method, leaks);
          }
          for (Type thrown : method.getGenericExceptionTypes()) {
            check(thrown, type, method, leaks);
          }
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers())) {
          for (Type parameter : constructor.getGenericParameterTypes()) {
            check(parameter, type, constructor, leaks);
          }
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers()) && !field.isSynthetic()) {
          check(field.getGenericType(), type, field, leaks);
        }
      }
      if (type.getSuperclass() != null) {
        check(type.getGenericSuperclass(), type, "extends", leaks);
      }
      for (Type parent : type.getGenericInterfaces()) {
        check(parent, type, "implements", leaks);
      }
    }
    assertThat(leaks).as("types of the API that are not API").isEmpty();
  }

  @Test
  void everyRuntimeTypeTheWriterEmitsExists() throws Exception {
    for (String name : dev.cachalot.rules.DecoratorNames.RUNTIME_TYPES) {
      Class<?> type = Class.forName(name);
      assertThat(GENERATED_CODE_API).as("%s is generated-code API", name).contains(type.getName());
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static void check(Type type, Class<?> owner, Object member, List<String> leaks) {
    if (type instanceof Class<?> raw) {
      Class<?> element = raw;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      String pkg = element.getPackageName();
      boolean allowed =
          element.isPrimitive()
              || pkg.startsWith("java.")
              || pkg.equals("dev.cachalot.annotations")
              || EXPORTED.contains(pkg);
      if (!allowed) {
        leaks.add(owner.getName() + " " + member + " names " + element.getName());
      }
    } else if (type instanceof ParameterizedType parameterized) {
      check(parameterized.getRawType(), owner, member, leaks);
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(argument, owner, member, leaks);
      }
    } else if (type instanceof GenericArrayType array) {
      check(array.getGenericComponentType(), owner, member, leaks);
    } else if (type instanceof WildcardType wildcard) {
      Stream.concat(Stream.of(wildcard.getUpperBounds()), Stream.of(wildcard.getLowerBounds()))
          .forEach(bound -> check(bound, owner, member, leaks));
    } else if (type instanceof TypeVariable<?> variable) {
      for (Type bound : variable.getBounds()) {
        check(bound, owner, member, leaks);
      }
    }
  }

  /** Every public type, nested ones included, of the exported packages, by binary name. */
  private static Set<String> publicTypesOfExportedPackages() throws Exception {
    Path root = classes();
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String relative =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (relative.equals("module-info.class")) {
          continue;
        }
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        String pkg = name.substring(0, name.lastIndexOf('.'));
        if (!EXPORTED.contains(pkg)) {
          continue;
        }
        Class<?> type = Class.forName(name, false, PublicApiTest.class.getClassLoader());
        if (isPublicApi(type)) {
          found.add(name);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return found.stream().collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getDeclaringClass()) {
      if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass()) {
        return false;
      }
    }
    return !type.isSynthetic();
  }
}
