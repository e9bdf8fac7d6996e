package dev.cachalot.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.cachalot.processor.javac.JavacTypeRef;
import dev.cachalot.rules.DecoratorNames;
import dev.cachalot.rules.element.MemberRef;
import dev.cachalot.rules.element.TypeRef;
import dev.cachalot.rules.plan.CachePlan;
import dev.cachalot.rules.plan.DaoPlan;
import dev.cachalot.rules.plan.InvalidationPlan;
import dev.cachalot.rules.plan.KeyPart;
import dev.cachalot.rules.plan.KeyPlan;
import dev.cachalot.rules.plan.MethodPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/*
 * Design note: a key record per cache of several key parts.
 *
 * A key of two parts costs what the hand-written decorator's `record TenantKey(String, long)`
 * costs, one object of its parts with primitives unboxed, when the decorator declares a record of
 * its own for the cache: a generic CompositeKey would box the long and hold an array (three
 * objects). A record is private to its decorator, and another decorator of the same cache (another
 * interface, another module, the run-time builder) makes keys of its own class; CompositeKey
 * defines equality and hashCode by the parts, so the record compares its own class field by field
 * (the fast path of a hit) and any other by CompositeKey.equalParts, and hashes as
 * CompositeKey.hash does (Long.hashCode of a long is the hashCode of its Long). A component is
 * primitive only when every key of the cache in this decorator supplies a primitive there, so that
 * no boxed argument can be null.
 */

/** The key records of a decorator, one per cache with a key of several parts. */
final class KeyRecords {

  /** Names a record component may not have: CompositeKey's and Object's methods. */
  private static final Set<String> RESERVED =
      Set.of(
          "size",
          "part",
          "equals",
          "hashCode",
          "toString",
          "getClass",
          "clone",
          "finalize",
          "notify",
          "notifyAll",
          "wait");

  private static final ClassName COMPOSITE_KEY = ClassName.bestGuess(DecoratorNames.COMPOSITE_KEY);
  private static final ClassName ARRAY_KEY = ClassName.bestGuess(DecoratorNames.ARRAY_KEY);

  /** One component of a key record. */
  private record Component(String name, TypeName type) {}

  /** The record of one cache. */
  private record KeyRecord(ClassName name, List<Component> components) {}

  private final Map<String, KeyRecord> records = new LinkedHashMap<>();

  /**
   * The records of the multi-part caches {@code plan} declares, nested in {@code decorator} and
   * named apart from {@code taken} (the member types the decorator sees).
   */
  KeyRecords(DaoPlan plan, ClassName decorator, Set<String> taken) {
    Set<String> names = new HashSet<>(taken);
    for (CachePlan<TypeRef> cache : plan.caches()) {
      if (cache.keyParts().size() < 2) {
        continue;
      }
      List<KeyPlan> keys = keysOf(plan, cache.name());
      List<Component> components = new ArrayList<>();
      Set<String> componentNames = new HashSet<>();
      for (int i = 0; i < cache.keyParts().size(); i++) {
        String name = uniqueName(componentName(keys, i), componentNames);
        components.add(new Component(name, componentType(cache.keyParts().get(i), keys, i)));
      }
      String simple = uniqueName(DecoratorWriter.capitalized(cache.name()) + "Key", names);
      records.put(cache.name(), new KeyRecord(decorator.nestedClass(simple), components));
    }
  }

  /** The record type of {@code cache}, or null when it has none (fewer than two parts). */
  ClassName typeOf(String cache) {
    KeyRecord record = records.get(cache);
    return record == null ? null : record.name();
  }

  /**
   * {@code new TenantProductsKey(tenant, id)}, or {@code CompositeKey.of(...)} without a record.
   */
  CodeBlock construct(String cache, List<CodeBlock> parts) {
    KeyRecord record = records.get(cache);
    if (record == null) {
      return CodeBlock.of("$T.of($L)", COMPOSITE_KEY, CodeBlock.join(parts, ", "));
    }
    return CodeBlock.of("new $T($L)", record.name(), CodeBlock.join(parts, ", "));
  }

  /** The nested record types, in the order of the caches. */
  List<TypeSpec> specs() {
    List<TypeSpec> specs = new ArrayList<>();
    for (Map.Entry<String, KeyRecord> entry : records.entrySet()) {
      specs.add(spec(entry.getKey(), entry.getValue()));
    }
    return specs;
  }

  private static TypeSpec spec(String cache, KeyRecord record) {
    List<Component> components = record.components();
    MethodSpec.Builder header = MethodSpec.constructorBuilder();
    MethodSpec.Builder compact = MethodSpec.compactConstructorBuilder();
    MethodSpec.Builder part =
        MethodSpec.methodBuilder("part")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(int.class, "index")
            .returns(Object.class)
            .beginControlFlow("switch (index)");
    List<CodeBlock> same = new ArrayList<>();
    CodeBlock.Builder hash = CodeBlock.builder();
    List<CodeBlock> shown = new ArrayList<>();
    for (int i = 0; i < components.size(); i++) {
      Component component = components.get(i);
      header.addParameter(component.type(), component.name());
      if (!component.type().isPrimitive()) {
        compact.addStatement(
            "$T.requireNonNull($N, $S)",
            Objects.class,
            component.name(),
            "part " + i + " of a key of cache \"" + cache + "\" is null");
      }
      part.addCode("case $L:\n$>", i).addStatement("return $N", component.name()).addCode("$<");
      same.add(sameComponent(component));
      CodeBlock partHash = hashOf(component);
      if (i == 0) {
        hash.addStatement("int hash = 31 + $L", partHash);
      } else {
        hash.addStatement("hash = 31 * hash + $L", partHash);
      }
      shown.add(CodeBlock.of("$N", component.name()));
    }
    part.addCode("default:\n$>")
        .addStatement("throw new $T(index)", IndexOutOfBoundsException.class)
        .addCode("$<")
        .endControlFlow();
    TypeSpec.Builder spec =
        TypeSpec.recordBuilder(record.name())
            .addJavadoc(
                "The key of cache {@code $S}; equal to any {@link $T} with equal parts.\n",
                cache,
                COMPOSITE_KEY)
            .addModifiers(Modifier.PRIVATE)
            .addSuperinterface(COMPOSITE_KEY)
            .recordConstructor(header.build());
    if (components.stream().anyMatch(c -> !c.type().isPrimitive())) {
      spec.addMethod(compact.build());
    }
    return spec.addMethod(
            MethodSpec.methodBuilder("size")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addStatement("return $L", components.size())
                .build())
        .addMethod(part.build())
        .addMethod(
            MethodSpec.methodBuilder("equals")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(Object.class, "other")
                .returns(boolean.class)
                .beginControlFlow("if (other instanceof $T that)", record.name())
                .addStatement("return $L", CodeBlock.join(same, "\n&& "))
                .endControlFlow()
                .addStatement("return $T.equalParts(this, other)", COMPOSITE_KEY)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("hashCode")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(int.class)
                .addCode(hash.build())
                .addStatement("return hash")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return \"[\" + $L + \"]\"", CodeBlock.join(shown, " + \", \" + "))
                .build())
        .build();
  }

  private static CodeBlock sameComponent(Component component) {
    TypeName type = component.type();
    if (type.equals(TypeName.FLOAT)) {
      return CodeBlock.of(
          "$T.compare($N, that.$N) == 0", Float.class, component.name(), component.name());
    }
    if (type.equals(TypeName.DOUBLE)) {
      return CodeBlock.of(
          "$T.compare($N, that.$N) == 0", Double.class, component.name(), component.name());
    }
    if (type.isPrimitive()) {
      return CodeBlock.of("$N == that.$N", component.name(), component.name());
    }
    return CodeBlock.of("$N.equals(that.$N)", component.name(), component.name());
  }

  /** The hashCode of the boxed part, computed without boxing it. */
  private static CodeBlock hashOf(Component component) {
    TypeName type = component.type();
    if (type.isPrimitive()) {
      return CodeBlock.of("$T.hashCode($N)", type.box(), component.name());
    }
    return CodeBlock.of("$N.hashCode()", component.name());
  }

  /** Every key of {@code cache} this decorator makes: its methods' and its invalidations'. */
  private static List<KeyPlan> keysOf(DaoPlan plan, String cache) {
    List<KeyPlan> keys = new ArrayList<>();
    for (MethodPlan method : plan.methods()) {
      if (cache.equals(method.cache()) && method.key() != null) {
        keys.add(method.key());
      }
      for (InvalidationPlan invalidation : method.invalidations()) {
        if (invalidation.cache().equals(cache) && !invalidation.all()) {
          keys.add(invalidation.key());
        }
      }
    }
    return keys;
  }

  /** The name of part {@code index}: the last step of the first key's path, or its root. */
  private static String componentName(List<KeyPlan> keys, int index) {
    KeyPart part = keys.get(0).parts().get(index);
    List<MemberRef> path = part.path();
    String name = path.isEmpty() ? part.root() : path.get(path.size() - 1).name();
    if (name.startsWith("get") && name.length() > 3) {
      name = Character.toLowerCase(name.charAt(3)) + name.substring(4);
    }
    return RESERVED.contains(name) ? name + "Part" : name;
  }

  /**
   * The component type of part {@code index}: the primitive when every key supplies one, an {@code
   * ArrayKey} for an array, else the cache's (boxed) part type.
   */
  private static TypeName componentType(TypeRef cachePart, List<KeyPlan> keys, int index) {
    TypeKind primitive = null;
    boolean allPrimitive = true;
    for (KeyPlan key : keys) {
      TypeMirror type = ((JavacTypeRef) key.parts().get(index).type()).mirror();
      if (!type.getKind().isPrimitive() || (primitive != null && primitive != type.getKind())) {
        allPrimitive = false;
        break;
      }
      primitive = type.getKind();
    }
    if (allPrimitive && primitive != null) {
      return TypeName.get(((JavacTypeRef) keys.get(0).parts().get(index).type()).mirror());
    }
    if (cachePart.kind() == TypeRef.Kind.ARRAY) {
      return ARRAY_KEY;
    }
    return TypeName.get(((JavacTypeRef) cachePart.upperBound()).mirror());
  }

  private static String uniqueName(String preferred, Set<String> taken) {
    String name = preferred;
    for (int i = 2; !taken.add(name); i++) {
      name = preferred + i;
    }
    return name;
  }
}
