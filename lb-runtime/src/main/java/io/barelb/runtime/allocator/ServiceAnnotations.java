package io.barelb.runtime.allocator;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the allocation annotations of a Service, under the three prefixes BareLB honours:
 * {@code barelb.io/}, {@code metallb.io/} and the deprecated {@code metallb.universe.tf/}:
 * {@code address-pool}, {@code loadBalancerIPs} (comma separated, at most one per family) and
 * {@code allow-shared-ip}; plus {@code spec.loadBalancerIP}. Pure and thread-safe.
 *
 * @param pool              the requested pool, if any
 * @param addresses         the requested addresses (from the annotation or {@code spec.loadBalancerIP})
 * @param sharingKey        the sharing key, {@code ""} when absent
 * @param deprecatedKeys    annotations read under {@code metallb.universe.tf/}, for a {@code deprecatedAnnotation}
 *                          warning
 */
public record ServiceAnnotations(Optional<String> pool, List<IpAddress> addresses, String sharingKey,
                                 List<String> deprecatedKeys) {

    /** The prefixes, most specific first. */
    public static final List<String> PREFIXES = List.of("barelb.io/", "metallb.io/", "metallb.universe.tf/");

    /** Annotation name (without prefix) asking for a pool. */
    public static final String ADDRESS_POOL = "address-pool";
    /** Annotation name (without prefix) asking for addresses. */
    public static final String LOAD_BALANCER_IPS = "loadBalancerIPs";
    /** Annotation name (without prefix) carrying the sharing key. */
    public static final String ALLOW_SHARED_IP = "allow-shared-ip";

    public ServiceAnnotations {
        addresses = List.copyOf(addresses);
        deprecatedKeys = List.copyOf(deprecatedKeys);
    }

    /** A bad annotation or field, with the code and message for the Service's Event. */
    public static final class InvalidAnnotationException extends LbException {
        private static final long serialVersionUID = 1L;

        InvalidAnnotationException(String message) {
            super(ErrorCode.INVALID_REQUEST, message);
        }
    }

    /**
     * Parses the annotations and {@code spec.loadBalancerIP}.
     *
     * @param annotations    the Service's annotations (never null)
     * @param loadBalancerIP {@code spec.loadBalancerIP}, null or empty when unset
     * @throws InvalidAnnotationException (code INVALID_REQUEST) naming the annotation, the value and the fix: an
     *         unparsable address, more than one address per family, both the annotation and the field set, or the
     *         same annotation under two prefixes with different values
     */
    public static ServiceAnnotations parse(Map<String, String> annotations, String loadBalancerIP) {
        List<String> deprecated = new ArrayList<>();
        Optional<String> pool = read(annotations, ADDRESS_POOL, deprecated).map(String::trim).filter(s -> !s.isEmpty());
        String sharingKey = read(annotations, ALLOW_SHARED_IP, deprecated).map(String::trim).orElse("");
        Optional<String> ips = read(annotations, LOAD_BALANCER_IPS, deprecated).map(String::trim).filter(s -> !s.isEmpty());
        boolean field = loadBalancerIP != null && !loadBalancerIP.trim().isEmpty();
        if (ips.isPresent() && field) {
            throw new InvalidAnnotationException("the Service sets both spec.loadBalancerIP \"" + loadBalancerIP
                    + "\" and the loadBalancerIPs annotation \"" + ips.get() + "\"; keep only the annotation");
        }
        List<IpAddress> addresses = new ArrayList<>();
        if (field) {
            addresses.add(address(loadBalancerIP.trim(), "spec.loadBalancerIP"));
        } else if (ips.isPresent()) {
            for (String part : ips.get().split(",", -1)) {
                IpAddress address = address(part.trim(), "the loadBalancerIPs annotation \"" + ips.get() + "\"");
                for (IpAddress other : addresses) {
                    if (other.family() == address.family()) {
                        throw new InvalidAnnotationException("the loadBalancerIPs annotation \"" + ips.get()
                                + "\" lists two " + address.family().kubernetesName()
                                + " addresses; list at most one address per family");
                    }
                }
                addresses.add(address);
            }
        }
        return new ServiceAnnotations(pool, addresses, sharingKey, deprecated);
    }

    /**
     * The {@code allow-shared-ip} annotation under any of the {@link #PREFIXES} (the first found), trimmed, or
     * {@code ""}: for the speaker, which only asks whether a Service may share its address (two prefixes with
     * different values are the controller's to refuse, see {@link #parse}).
     */
    public static String sharingKey(Map<String, String> annotations) {
        for (String prefix : PREFIXES) {
            String value = annotations.get(prefix + ALLOW_SHARED_IP);
            if (value != null) {
                return value.trim();
            }
        }
        return "";
    }

    private static IpAddress address(String text, String where) {
        IpAddress address = IpAddress.tryParse(text);
        if (address == null) {
            throw new InvalidAnnotationException("\"" + text + "\" in " + where
                    + " is not an IP address; write IPv4 (192.0.2.10) or IPv6 (2001:db8::10) literals");
        }
        return address;
    }

    private static Optional<String> read(Map<String, String> annotations, String name, List<String> deprecated) {
        String found = null;
        String foundKey = null;
        for (String prefix : PREFIXES) {
            String key = prefix + name;
            String value = annotations.get(key);
            if (value == null) {
                continue;
            }
            if (found == null) {
                found = value;
                foundKey = key;
                if (prefix.equals("metallb.universe.tf/")) {
                    deprecated.add(key);
                }
            } else if (!found.trim().equals(value.trim())) {
                throw new InvalidAnnotationException("annotations " + foundKey + " \"" + found + "\" and " + key + " \""
                        + value + "\" disagree; keep one of them");
            }
        }
        return Optional.ofNullable(found);
    }
}
