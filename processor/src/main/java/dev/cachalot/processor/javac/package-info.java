/**
 * The javac adapter of the rules' element port: interfaces, methods, types and annotations as
 * {@code javax.lang.model} sees them during annotation processing.
 */
package dev.cachalot.processor.javac;
