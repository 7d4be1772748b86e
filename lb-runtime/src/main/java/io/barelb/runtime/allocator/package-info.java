/**
 * Load-balancer address allocation with MetalLB's semantics, on top of the IPAM plugins.
 *
 * <p>The controller builds an {@link io.barelb.runtime.allocator.IpamRegistry} from the plugins' IPAM factories,
 * creates one {@link io.barelb.runtime.allocator.Allocator}, calls
 * {@link io.barelb.runtime.allocator.Allocator#configure(java.util.List)} with the pools, then
 * {@link io.barelb.runtime.allocator.Allocator#restore(java.util.List)} once with the assignments recorded on
 * Services, and from then on {@code assign} / {@code release} per Service. A Service is described by a
 * {@link io.barelb.runtime.allocator.ServiceRequest} (annotations read by
 * {@link io.barelb.runtime.allocator.ServiceAnnotations}; whether it is ours at all by
 * {@link io.barelb.runtime.allocator.Eligibility}). Everything here is pure Java without Kubernetes types, and
 * not thread-safe: one reconcile thread owns the allocator.
 */
package io.barelb.runtime.allocator;
