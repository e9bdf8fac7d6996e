/**
 * The annotations of Cachalot. Put them on the methods of a DAO interface; the Cachalot annotation
 * processor generates a decorator {@code Cached<Interface>} at compile time, and {@code
 * Cachalot.decorate} wires it around your DAO.
 */
package dev.cachalot.annotations;
