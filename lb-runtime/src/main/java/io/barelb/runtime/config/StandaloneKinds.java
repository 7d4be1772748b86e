package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime's kinds for addresses announced on their own: {@code VirtualIP} and the {@code HealthCheck} it (or a
 * Service, through {@value #SERVICE_ANNOTATION}) names. The runtime owns them rather than a plugin because they cut
 * across protocols: a virtual IP lists the announcers that announce it, and a health check gates a node's candidacy
 * before any announcer elects an owner, exactly like the Ready condition does. Thread-safe.
 */
public final class StandaloneKinds implements KindOwner {

    public static final ResourceKind VIRTUAL_IP = ResourceKind.of(VirtualIpSpec.KIND, "virtualips");
    public static final ResourceKind HEALTH_CHECK = ResourceKind.of(HealthCheckSpec.KIND, "healthchecks");
    /** The Service annotation that names the {@code HealthCheck} gating the Service's addresses. */
    public static final String SERVICE_ANNOTATION = "barelb.io/health-check";

    private final Set<String> protocols;

    /** @param protocols the installed announcers' names; empty: protocols are checked by syntax only */
    StandaloneKinds(Set<String> protocols) {
        this.protocols = Set.copyOf(protocols);
    }

    @Override
    public String plugin() {
        return "runtime";
    }

    @Override
    public String origin() {
        return "the runtime (standalone addresses)";
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(VIRTUAL_IP, HEALTH_CHECK);
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        Problems problems = new Problems();
        Set<String> checks = new TreeSet<>();
        for (ConfigResource resource : resources) {
            if (resource.kind().equals(HealthCheckSpec.KIND)) {
                checks.add(resource.name());
                HealthCheckSpec.read(resource, problems);
            }
        }
        Map<IpAddress, String> owners = new HashMap<>();
        for (ConfigResource resource : resources) {
            if (!resource.kind().equals(VirtualIpSpec.KIND)) {
                continue;
            }
            Optional<VirtualIpSpec> read = VirtualIpSpec.read(resource, problems);
            if (read.isEmpty()) {
                continue;
            }
            VirtualIpSpec vip = read.get();
            vip.healthCheck().filter(name -> !checks.contains(name)).ifPresent(name -> problems.at(resource.spec(),
                    "healthCheck", name, "names no HealthCheck; define HealthCheck " + name + " (barelb.io/v1beta1)"
                            + (checks.isEmpty() ? "" : " or use one of " + checks)));
            for (int i = 0; i < vip.protocols().size(); i++) {
                String protocol = vip.protocols().get(i);
                if (!protocols.isEmpty() && !protocols.contains(protocol)) {
                    problems.at(resource.spec(), "protocols[" + i + "]", protocol, "no installed announcer is called "
                            + protocol + "; the installed ones are " + new TreeSet<>(protocols));
                }
            }
            for (int i = 0; i < vip.addresses().size(); i++) {
                IpAddress address = vip.addresses().get(i);
                String earlier = owners.putIfAbsent(address, vip.name());
                if (earlier != null) {
                    problems.at(resource.spec(), "addresses[" + i + "]", address.toString(), "is already an address of "
                            + "VirtualIP " + earlier + "; one address belongs to one VirtualIP");
                }
            }
        }
        return new ArrayList<>(problems.list());
    }
}
