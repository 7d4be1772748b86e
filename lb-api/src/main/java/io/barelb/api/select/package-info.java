/**
 * Kubernetes label selectors as a value type, so plugins evaluate the selectors of their own kinds the way the
 * runtime evaluates the ones it owns.
 *
 * @since 0.2
 */
package io.barelb.api.select;
