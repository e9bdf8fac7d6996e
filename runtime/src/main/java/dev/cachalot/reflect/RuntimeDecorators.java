package dev.cachalot.reflect;

import dev.cachalot.CachalotException;
import dev.cachalot.internal.DecoratedMethod;
import dev.cachalot.internal.DecoratorContext;
import dev.cachalot.rules.Planner;
import dev.cachalot.rules.diagnostic.Report;
import dev.cachalot.rules.diagnostic.Severity;
import dev.cachalot.rules.plan.DaoPlan;
import dev.cachalot.rules.plan.MethodPlan;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.FieldManifestation;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.FieldAccessor;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatchers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/*
 * Design note: decorators built at run time, for interfaces the processor did not see.
 *
 * The plan. Per interface, once (a ClassValue): the rules plan the interface, read through the
 * reflection adapter of their element port (ReflectDaoType and friends), exactly as the processor
 * plans it through javac's; a plan with errors becomes the exception decorate() throws, worded as
 * the processor's errors, and warnings are logged once.
 *
 * The class. Byte Buddy defines `<Interface>$CachalotDynamic` in the interface's own package and
 * class loader (a private lookup, so package-private interfaces work too). It has one final field
 * per method of the plan, holding that method's handler, and each method calls its handler
 * directly: a method of one parameter passes its argument as it is (DecoratedMethod.OneArgument),
 * one without parameters passes nothing, others an array of their arguments. Default methods
 * without a strategy are not in the plan and stay the interface's, so that their calls to cached
 * methods go through the decorator, as in a generated one. Object's methods are left to Object.
 *
 * The instance. Per decorate() call, Dispatcher binds the plan to this Cachalot's engines (the very
 * engines a generated decorator gets, through the same DecoratorContext with equal declarations)
 * and to the delegate, through method handles, and the class's constructor takes the handlers. The
 * handlers do what the generated method bodies do, statement for statement (MethodHandlers); a hit
 * of a one-parameter read allocates nothing but what a generated one does (the key's boxing); the
 * handle calls are the price of this path (the benchmarks measure it).
 *
 * Exceptions: a handler rethrows what the delegate threw, unchanged; the class declares no checked
 * exceptions of its own, so the DAO's declared ones pass through as they are.
 */

/** Builds decorators at run time with Byte Buddy. Thread-safe. */
public final class RuntimeDecorators {

  private static final Logger log = LoggerFactory.getLogger(RuntimeDecorators.class);

  /** The plan and class of each interface, or the reason it cannot be decorated. */
  private static final ClassValue<Object> CLASSES =
      new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> dao) {
          Planner.Planned planned = new Planner().plan(List.of(ReflectDaoType.of(dao))).get(0);
          if (!planned.succeeded()) {
            return describe(dao, planned.report());
          }
          for (Report.Entry entry : planned.report().entries()) {
            log.warn("{}: {}", entry.site().describe(), entry.text());
          }
          try {
            return new Built(planned.plan(), define(dao, planned.plan()));
          } catch (CachalotException e) {
            return e.getMessage();
          }
        }
      };

  /** Logs, once per interface, that the processor did not run for it. */
  private static final ClassValue<Boolean> WARNED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> dao) {
          String warning =
              "No generated decorator for "
                  + dao.getName()
                  + "; using a decorator built at run time, which is slower. Add"
                  + " dev.cachalot:cachalot-processor to the annotationProcessorPaths of the"
                  + " maven-compiler-plugin (with a compiler plugin version and <release>; see the"
                  + " README), or to Gradle's annotationProcessor, to generate it at compile time.";
          if (LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory) {
            // No SLF4J provider: the log would swallow the one sign of a misconfigured build.
            System.err.println("WARN Cachalot: " + warning);
          } else {
            log.warn(warning);
          }
          return Boolean.TRUE;
        }
      };

  private record Built(DaoPlan plan, Class<?> type) {}

  private RuntimeDecorators() {}

  /**
   * Decorates {@code delegate}, building the class for {@code dao} on first use.
   *
   * @param missingGenerated whether no generated decorator exists (then a warning is logged once
   *     per interface), as opposed to one that the Cachalot was told not to use
   * @throws CachalotException when the interface breaks a rule, naming every problem
   */
  public static <T> T decorate(
      Class<T> dao, T delegate, DecoratorContext caches, boolean missingGenerated) {
    Object built = CLASSES.get(dao);
    if (missingGenerated) {
      WARNED.get(dao);
    }
    if (built instanceof String problems) {
      throw new CachalotException(problems);
    }
    Built decorator = (Built) built;
    Object[] handlers = Dispatcher.handlers(decorator.plan(), delegate, caches);
    try {
      return dao.cast(decorator.type().getConstructors()[0].newInstance(handlers));
    } catch (ReflectiveOperationException e) {
      throw new CachalotException(
          "the run-time decorator of " + dao.getName() + " cannot be created: " + e, e);
    }
  }

  private static String describe(Class<?> dao, Report report) {
    List<String> problems = new ArrayList<>();
    for (Report.Entry entry : report.entries()) {
      if (entry.severity() == Severity.ERROR) {
        problems.add(entry.site().describe() + ": " + entry.text());
      }
    }
    return "Cachalot cannot decorate "
        + dao.getName()
        + " at run time:\n  "
        + String.join("\n  ", problems);
  }

  private static Class<?> define(Class<?> dao, DaoPlan plan) {
    try {
      int count = plan.methods().size();
      Class<?>[] handlerTypes = new Class<?>[count];
      DynamicType.Builder<Object> type =
          new ByteBuddy()
              .subclass(Object.class, ConstructorStrategy.Default.NO_CONSTRUCTORS)
              .implement(dao)
              .name(dao.getName() + "$CachalotDynamic");
      Implementation.Composable constructor = MethodCall.invoke(Object.class.getConstructor());
      for (int i = 0; i < count; i++) {
        MethodPlan method = plan.methods().get(i);
        int arity = method.method().parameters().size();
        handlerTypes[i] = handlerType(arity);
        String field = "handler" + i;
        type =
            type.defineField(field, handlerTypes[i], Visibility.PRIVATE, FieldManifestation.FINAL);
        constructor = constructor.andThen(FieldAccessor.ofField(field).setsArgumentAt(i));
        MethodCall call = MethodCall.invoke(handleMethod(arity)).onField(field);
        call = arity == 1 ? call.withArgument(0) : arity == 0 ? call : call.withArgumentArray();
        type =
            type.method(ElementMatchers.is(((ReflectMethod) method.method()).method()))
                .intercept(call.withAssigner(Assigner.DEFAULT, Assigner.Typing.DYNAMIC));
      }
      return type.defineConstructor(Visibility.PUBLIC)
          .withParameters(handlerTypes)
          .intercept(constructor)
          .make()
          .load(
              dao.getClassLoader(),
              ClassLoadingStrategy.UsingLookup.of(
                  MethodHandles.privateLookupIn(dao, MethodHandles.lookup())))
          .getLoaded();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new CachalotException(
          "the run-time decorator of " + dao.getName() + " cannot be defined: " + e, e);
    }
  }

  private static Class<?> handlerType(int arity) {
    return switch (arity) {
      case 0 -> DecoratedMethod.NoArguments.class;
      case 1 -> DecoratedMethod.OneArgument.class;
      default -> DecoratedMethod.Arguments.class;
    };
  }

  private static Method handleMethod(int arity) throws NoSuchMethodException {
    return switch (arity) {
      case 0 -> DecoratedMethod.NoArguments.class.getMethod("handle");
      case 1 -> DecoratedMethod.OneArgument.class.getMethod("handle", Object.class);
      default -> DecoratedMethod.Arguments.class.getMethod("handle", Object[].class);
    };
  }
}
