package dev.cachalot.rules.plan;

import dev.cachalot.rules.element.DaoMethod;
import dev.cachalot.rules.element.DaoParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * How a write-behind write or delete is made again from its key and value alone: what a durable
 * write-behind log (a journal, a Redis Stream) keeps of a write, and what is replayed after a crash
 * or by another node. A method is replayable when each of its parameters is the value it stores or
 * a whole part of its key; a parameter that only feeds the key through a property ({@code
 * remove(Event event)} keyed by {@code event.id}), or that is neither key nor value ({@code
 * save(Event event, String auditUser)}), cannot be rebuilt, and such a method can only be used with
 * the in-memory buffer.
 *
 * @param methodId the method's name in a log, {@code com.acme.EventDao#record(com.acme.Event)}: the
 *     interface that declares it, and its erased signature as a member of the decorated interface
 * @param arguments where each argument of the call comes from, in parameter order; empty when the
 *     method is not replayable
 * @param obstacle the name of the first parameter that cannot be rebuilt, or null
 */
public record Replay(String methodId, List<Argument> arguments, String obstacle) {

  public Replay {
    arguments = List.copyOf(arguments);
  }

  /** Where one argument of a replayed call comes from. */
  public enum Source {
    /** The value the write stores. */
    VALUE,
    /** The key itself (a key of one part). */
    KEY,
    /** One part of a key of several parts ({@link Argument#keyPart}). */
    KEY_PART
  }

  /**
   * One argument of a replayed call.
   *
   * @param source where it comes from
   * @param keyPart the index of the key part, for {@link Source#KEY_PART}; else -1
   */
  public record Argument(Source source, int keyPart) {}

  /** Whether the call can be rebuilt from the key and the value. */
  public boolean isPossible() {
    return obstacle == null;
  }

  /** The replay of {@code plan}, a write-behind write or delete. */
  public static Replay of(MethodPlan plan) {
    if (plan.role() != Role.WRITE && plan.role() != Role.DELETE) {
      throw new IllegalArgumentException(plan.name() + " is not a write or a delete");
    }
    DaoMethod method = plan.method();
    String id = method.declaringType().qualifiedName() + "#" + method.erasedSignature();
    List<KeyPart> parts = plan.key().parts();
    List<Argument> arguments = new ArrayList<>();
    List<DaoParameter> parameters = method.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      Argument argument = argumentFor(i, plan.valueParameter(), parts);
      if (argument == null) {
        return new Replay(id, List.of(), parameters.get(i).name());
      }
      arguments.add(argument);
    }
    return new Replay(id, arguments, null);
  }

  private static Argument argumentFor(int parameter, int valueParameter, List<KeyPart> parts) {
    if (parameter == valueParameter) {
      return new Argument(Source.VALUE, -1);
    }
    for (int part = 0; part < parts.size(); part++) {
      KeyPart keyPart = parts.get(part);
      if (keyPart.parameter() == parameter && keyPart.isWholeParameter()) {
        return parts.size() == 1
            ? new Argument(Source.KEY, -1)
            : new Argument(Source.KEY_PART, part);
      }
    }
    return null;
  }

  /**
   * Why the method cannot be used with a durable log, for the error that refuses it: {@code
   * "EventDao.save(Event, String): its parameter 'auditUser' is neither its value nor a whole part
   * of its key, so the call cannot be made again from the log"}.
   */
  public String obstacleMessage(String describedMethod) {
    return describedMethod
        + ": its parameter '"
        + obstacle
        + "' is neither its value nor a whole part of its key, so a durable write-behind log cannot"
        + " make the call again from what it keeps (the key and the value)";
  }
}
