package dev.cachalot.reflect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/*
 * Design note: what reflection cannot tell, read from the class file.
 *
 * Reflection returns an annotation's value whether it was written or defaulted, so it cannot tell
 * "flushMillis = 1000" from "flushMillis left out"; but the rules must (a setting not given takes
 * the value another method gives; only two given values conflict). A class file holds exactly the
 * attributes that were written (defaults live in the annotation type), so this class reads, with
 * Byte Buddy's copy of ASM, which attributes each annotation of each method writes, nested
 * annotations of a repeated @Invalidate included, and the order of the methods (reflection promises
 * none; the processor reads the source order, and messages about two conflicting methods name the
 * later one). When the class file cannot be read, everything counts as written where it differs
 * from its default, the best reflection can do.
 */

/** The annotation attributes and method order a class file records. Immutable once read. */
final class ClassFileFacts {

  /** The attributes one annotation writes, and those of the annotations in its array values. */
  record AnnotationFacts(
      String descriptor, Set<String> written, Map<String, List<AnnotationFacts>> arrays) {}

  private static final ClassFileFacts UNREADABLE = new ClassFileFacts(null, Map.of());

  private final List<String> methodOrder;
  private final Map<String, List<AnnotationFacts>> annotations;

  private ClassFileFacts(List<String> methodOrder, Map<String, List<AnnotationFacts>> annotations) {
    this.methodOrder = methodOrder;
    this.annotations = annotations;
  }

  /** The facts of {@code type}'s class file, or facts that know nothing when it is unreadable. */
  static ClassFileFacts of(Class<?> type) {
    byte[] bytes;
    try {
      ClassFileLocator locator =
          type.getClassLoader() == null
              ? ClassFileLocator.ForClassLoader.ofBootLoader()
              : ClassFileLocator.ForClassLoader.of(type.getClassLoader());
      ClassFileLocator.Resolution resolution = locator.locate(type.getName());
      if (!resolution.isResolved()) {
        return UNREADABLE;
      }
      bytes = resolution.resolve();
    } catch (IOException | RuntimeException unreadable) {
      return UNREADABLE;
    }
    List<String> order = new ArrayList<>();
    Map<String, List<AnnotationFacts>> found = new HashMap<>();
    try {
      ClassReader reader = OpenedClassReader.of(bytes);
      reader.accept(new Reader(order, found), ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
    } catch (RuntimeException unreadable) {
      return UNREADABLE;
    }
    return new ClassFileFacts(order, found);
  }

  /** Whether the class file was read. */
  boolean isKnown() {
    return methodOrder != null;
  }

  /**
   * Where the method {@code nameAndDescriptor} ({@code find(J)Ljava/util/Optional;}) comes in the
   * class file, or {@code Integer.MAX_VALUE} when unknown.
   */
  int position(String nameAndDescriptor) {
    if (methodOrder == null) {
      return Integer.MAX_VALUE;
    }
    int index = methodOrder.indexOf(nameAndDescriptor);
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  /**
   * The facts of the annotation {@code descriptor} on the member {@code member} (the empty string
   * for the type itself, else a method's name and descriptor), or null when unknown.
   */
  AnnotationFacts annotation(String member, String descriptor) {
    for (AnnotationFacts facts : annotations.getOrDefault(member, List.of())) {
      if (facts.descriptor().equals(descriptor)) {
        return facts;
      }
    }
    return null;
  }

  private static final class Reader extends ClassVisitor {
    private final List<String> order;
    private final Map<String, List<AnnotationFacts>> found;

    Reader(List<String> order, Map<String, List<AnnotationFacts>> found) {
      super(OpenedClassReader.ASM_API);
      this.order = order;
      this.found = found;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return collect("", descriptor, found);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      String member = name + descriptor;
      order.add(member);
      return new MethodVisitor(OpenedClassReader.ASM_API) {
        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
          return collect(member, annotation, found);
        }
      };
    }
  }

  private static AnnotationVisitor collect(
      String member, String descriptor, Map<String, List<AnnotationFacts>> found) {
    AnnotationFacts facts = new AnnotationFacts(descriptor, new HashSet<>(), new HashMap<>());
    found.computeIfAbsent(member, m -> new ArrayList<>()).add(facts);
    return new Attributes(facts);
  }

  /** Records the attributes an annotation writes, and its nested annotations in arrays. */
  private static final class Attributes extends AnnotationVisitor {
    private final AnnotationFacts facts;

    Attributes(AnnotationFacts facts) {
      super(OpenedClassReader.ASM_API);
      this.facts = facts;
    }

    @Override
    public void visit(String name, Object value) {
      facts.written().add(name);
    }

    @Override
    public void visitEnum(String name, String descriptor, String value) {
      facts.written().add(name);
    }

    @Override
    public AnnotationVisitor visitAnnotation(String name, String descriptor) {
      facts.written().add(name);
      return null;
    }

    @Override
    public AnnotationVisitor visitArray(String name) {
      facts.written().add(name);
      List<AnnotationFacts> elements = new ArrayList<>();
      facts.arrays().put(name, elements);
      return new AnnotationVisitor(OpenedClassReader.ASM_API) {
        @Override
        public AnnotationVisitor visitAnnotation(String ignored, String nested) {
          AnnotationFacts element = new AnnotationFacts(nested, new HashSet<>(), new HashMap<>());
          elements.add(element);
          return new Attributes(element);
        }
      };
    }
  }
}
