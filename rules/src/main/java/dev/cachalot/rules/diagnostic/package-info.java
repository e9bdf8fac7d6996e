/**
 * The catalog of everything Cachalot tells a user about a DAO ({@link
 * dev.cachalot.rules.diagnostic.Message}), and the report that collects what one reading found.
 */
package dev.cachalot.rules.diagnostic;
