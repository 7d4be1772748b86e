/**
 * The {@code ipam-range} plugin: pool entries written {@code first-last}, IPv4 or IPv6, handed out lowest free
 * first with memory proportional to the addresses handed out.
 */
package io.barelb.ipam.range;
