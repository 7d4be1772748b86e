/**
 * The {@code ipam-cidr} plugin: pool entries written as CIDR prefixes, IPv4 or IPv6 (huge IPv6 blocks included),
 * handed out lowest free first with memory proportional to the addresses handed out.
 */
package io.barelb.ipam.cidr;
