/**
 * The plugin contract test kit: abstract JUnit 5 classes a plugin author extends
 * ({@link io.barelb.tck.AnnouncerContract}, {@link io.barelb.tck.IpamContract}) and the one plugin context plugin tests
 * share ({@link io.barelb.tck.TestPluginContext}: settings, Secrets, a real scheduler, recorded events and metrics).
 * Depends on {@code lb-api} and JUnit 5's API only. See {@code docs/plugin-guide.md}.
 */
package io.barelb.tck;
