/**
 * The decorators Cachalot builds at run time, for interfaces the processor did not see: the
 * reflection adapter of the rules' element port, and the Byte Buddy builder that emits a decorator
 * from the plan the rules make. Not API (the package is not exported).
 */
package dev.cachalot.reflect;
