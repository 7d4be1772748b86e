package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class JsonMergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void replacesListsDeletesNullsAndMergesObjects() {
        ObjectNode pool = json("{'spec':{'addresses':['198.51.100.0/28','198.51.100.64/28'],'autoAssign':true},"
                + "'metadata':{'labels':{'a':'1'}}}");

        ObjectNode patched = JsonMergePatch.apply(pool, json("{'spec':{'addresses':['203.0.113.0/28'],"
                + "'autoAssign':null},'metadata':{'labels':{'b':'2'}},'extra':{'x':1}}"));

        assertThat(patched.toString().replace('"', '\'')).isEqualTo("{'spec':{'addresses':['203.0.113.0/28']},"
                + "'metadata':{'labels':{'a':'1','b':'2'}},'extra':{'x':1}}");
        assertThat(pool.path("spec").path("addresses").size()).as("the input is left alone").isEqualTo(2);
    }
}
