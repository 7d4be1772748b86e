package io.barelb.api.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status-object declarations of the SPI: what they accept, and what they refuse with the reason. */
class StatusKindTest {

    private static final ServiceKey WEB = new ServiceKey("web", "nginx");

    @Test
    void aKindNamesItsGroupVersionAndPrefix() {
        StatusKind kind = new StatusKind("metallb.io/v1beta1", "ServiceBGPStatus", "servicebgpstatuses", "bgp-");

        assertThat(kind.group()).isEqualTo("metallb.io");
        assertThat(kind.version()).isEqualTo("v1beta1");
        assertThat(kind.exclusive()).as("the 0.3 constructor declares a kind several nodes may hold").isFalse();
        assertThat(new StatusKind("metallb.io/v1beta1", "ServiceL2Status", "servicel2statuses", "l2-", true).exclusive())
                .isTrue();
        assertThatThrownBy(() -> new StatusKind("metallb.io", "ServiceBGPStatus", "servicebgpstatuses", "bgp-"))
                .hasMessageContaining("must be GROUP/VERSION");
        assertThatThrownBy(() -> new StatusKind("metallb.io/v1beta1", "ServiceBGPStatus", "ServiceBGPStatuses", "bgp-"))
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> new StatusKind("metallb.io/v1beta1", "ServiceBGPStatus", "servicebgpstatuses", "BGP_"))
                .hasMessageContaining("namePrefix");
    }

    @Test
    void fieldsAreCopiedPlainValuesAndTheSpeakersOwnAreRefused() {
        List<Object> peers = new ArrayList<>(List.of("tor-a"));
        ServiceStatus status = new ServiceStatus(WEB, Map.of("peers", peers, "detail", Map.of("count", 1, "up", true)));
        peers.add("tor-b");

        assertThat(status.fields()).isEqualTo(Map.of("peers", List.of("tor-a"), "detail", Map.of("count", 1, "up", true)));
        assertThatThrownBy(() -> new ServiceStatus(WEB, Map.of("node", "node-a")))
                .hasMessageContaining("status field node is written by the speaker");
        assertThatThrownBy(() -> new ServiceStatus(WEB, Map.of("peers", List.of(new Object()))))
                .hasMessageContaining("status field peers[0] is a java.lang.Object");
    }

    @Test
    void copiedFieldsKeepTheirOrderAndCannotBeChanged() {
        Map<String, Object> ordered = new java.util.LinkedHashMap<>();
        ordered.put("zeta", 1);
        ordered.put("alpha", List.of("x"));
        ordered.put("mid", Map.of("only", true));
        ServiceStatus three = new ServiceStatus(WEB, ordered);
        ServiceStatus one = new ServiceStatus(WEB, Map.of("peers", new ArrayList<>(List.of("tor-a"))));

        assertThat(three.fields().keySet()).containsExactly("zeta", "alpha", "mid");
        assertThat(one.fields()).isEqualTo(Map.of("peers", List.of("tor-a")));
        assertThatThrownBy(() -> one.fields().put("more", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> peers = (List<Object>) one.fields().get("peers");
        assertThatThrownBy(() -> peers.add("tor-b")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) three.fields().get("mid");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void announcersAndFactoriesOf02DeclareNone() {
        AnnouncerFactory old = new AnnouncerFactory() {
            @Override
            public String name() {
                return "old";
            }

            @Override
            public Announcer create(io.barelb.api.PluginContext context) {
                return new Announcer() {
                    @Override
                    public void apply(AnnouncerState desired) {
                    }

                    @Override
                    public List<AnnouncementStatus> status() {
                        return List.of();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };

        assertThat(old.statusKind()).isEmpty();
        assertThat(old.create(null).serviceStatuses()).isEmpty();
    }
}
