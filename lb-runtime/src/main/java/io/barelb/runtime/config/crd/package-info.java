/**
 * The runtime's own kinds of the {@code barelb.io/v1beta1} API group as Java types ({@code IPAddressPool}, field for
 * field MetalLB's, and {@code ConfigurationState}); every other kind's CRD ships in the jar of the plugin that owns
 * it. They exist to generate the CustomResourceDefinitions (fabric8's CRD
 * generator runs on them at build time and writes {@code META-INF/barelb/crds/*-v1.yml}, where plugins ship the
 * CRDs of their kinds too); the controller itself reads
 * configuration as plain objects through {@link io.barelb.runtime.config.ConfigReader}, so both groups share one
 * parser and one validator.
 */
package io.barelb.runtime.config.crd;
