/**
 * A ready-made {@link io.barelb.api.ipam.AddressAllocator} for contiguous address blocks, for IPAM plugins to
 * build on: {@link io.barelb.api.ipam.block.BlockAllocator}. JDK only, like the rest of the SPI.
 */
package io.barelb.api.ipam.block;
