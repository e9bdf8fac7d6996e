/**
 * The port of the element model: the few facts about interfaces, methods, types and annotations
 * that the rules read, answered by an adapter per type system (javac's {@code javax.lang.model} in
 * the processor, reflection in the runtime), in the manner of Dagger's XProcessing. The rules see
 * nothing else, so the compile-time and the run-time decorator builders cannot read a DAO
 * differently.
 */
package dev.cachalot.rules.element;
