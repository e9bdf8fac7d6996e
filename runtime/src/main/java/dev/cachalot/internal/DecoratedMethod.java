package dev.cachalot.internal;

/**
 * How a decorator that Cachalot builds at run time (for an interface the processor did not see)
 * calls the handler of each of its methods: by the number of the method's parameters, so that a
 * method of one parameter passes its argument without an array. Not API.
 */
public final class DecoratedMethod {

  private DecoratedMethod() {}

  /** The handler of a method without parameters. */
  @FunctionalInterface
  public interface NoArguments {
    /** Runs the method; throws what the DAO threw. */
    Object handle() throws Throwable;
  }

  /** The handler of a method of one parameter. */
  @FunctionalInterface
  public interface OneArgument {
    /** Runs the method with its argument; throws what the DAO threw. */
    Object handle(Object argument) throws Throwable;
  }

  /** The handler of a method of several parameters. */
  @FunctionalInterface
  public interface Arguments {
    /** Runs the method with its arguments; throws what the DAO threw. */
    Object handle(Object[] arguments) throws Throwable;
  }
}
