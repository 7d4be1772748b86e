package io.barelb.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceKindTest {

    @Test
    void aKindOfYourOwnIsReadInBarelbIoOnly() {
        ResourceKind acme = ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement();

        assertThat(acme.apiVersions()).containsExactly("barelb.io/v1beta1");
        assertThat(acme.groups()).containsExactly("barelb.io");
        assertThat(acme.advertisement()).isTrue();
        assertThat(acme.accepts("barelb.io/v1beta1")).isTrue();
        assertThat(acme.accepts("metallb.io/v1beta1")).isFalse();
    }

    @Test
    void metallbsKindsAreReadInBothGroupsWithBgpPeersStorageVersionWatched() {
        ResourceKind peer = ResourceKind.metallb("BGPPeer");

        assertThat(peer.groups()).containsExactly("metallb.io", "barelb.io");
        assertThat(peer.versions("metallb.io")).containsExactly("v1beta2", "v1beta1");
        assertThat(peer.watchedVersion("metallb.io")).contains("v1beta2");
        assertThat(peer.advertisement()).isFalse();
        assertThat(ResourceKind.metallb("L2Advertisement").advertisement()).isTrue();
        assertThatThrownBy(() -> ResourceKind.metallb("AcmeAdvertisement"))
                .hasMessageContaining("MetalLB defines no kind AcmeAdvertisement");
    }

    @Test
    void badValuesAreRefusedNamingTheKind() {
        assertThatThrownBy(() -> ResourceKind.of("Acme Ad", "acmeads")).hasMessageContaining("kind \"Acme Ad\"");
        assertThatThrownBy(() -> ResourceKind.of("Acme", "Acmes")).hasMessageContaining("plural \"Acmes\" of kind Acme");
        assertThatThrownBy(() -> new ResourceKind("Acme", "acmes", List.of(), false))
                .hasMessageContaining("kind Acme needs at least one apiVersion");
        assertThatThrownBy(() -> ResourceKind.of("Acme", "acmes").withApiVersions("v1"))
                .hasMessageContaining("apiVersion \"v1\" of kind Acme must be GROUP/VERSION");
    }
}
