/**
 * What generated decorators (and the decorators Cachalot builds at run time) call: <b>not API</b>.
 * These types may change in any release, together with the processor that generates code against
 * them; applications use {@code Cachalot.decorate} and the types of {@code dev.cachalot}. The
 * package is exported only because generated code in the application's own packages must reach it,
 * as Dagger's {@code dagger.internal} is.
 */
package dev.cachalot.internal;
