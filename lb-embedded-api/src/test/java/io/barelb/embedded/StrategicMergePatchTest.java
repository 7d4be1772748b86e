package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class StrategicMergePatchTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    private static String apply(String original, String patch) {
        return StrategicMergePatch.apply(json(original), json(patch)).toString().replace('"', '\'');
    }

    @Test
    void servicePortsMergeByPortInTheOrderKubectlGives() {
        String service = "{'spec':{'ports':[{'name':'http','port':80,'nodePort':30080}],'type':'LoadBalancer'}}";

        assertThat(apply(service, "{'spec':{'$setElementOrder/ports':[{'port':443},{'port':80}],"
                + "'ports':[{'name':'https','port':443}]}}"))
                .isEqualTo("{'spec':{'ports':[{'name':'https','port':443},{'name':'http','port':80,'nodePort':30080}],"
                        + "'type':'LoadBalancer'}}");
        assertThat(apply("{'spec':{'ports':[{'port':80},{'port':443}]}}",
                "{'spec':{'$setElementOrder/ports':[{'port':80}],'ports':[{'$patch':'delete','port':443}]}}"))
                .isEqualTo("{'spec':{'ports':[{'port':80}]}}");
    }

    @Test
    void containersMergeByNameAndTheirPortsByContainerPort() {
        String pod = "{'containers':[{'name':'nginx','image':'nginx:1','ports':[{'containerPort':80,'name':'http'}]},"
                + "{'name':'sidecar','image':'busybox'}]}";

        assertThat(apply(pod, "{'containers':[{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80,"
                + "'protocol':'TCP'}]}]}"))
                .isEqualTo("{'containers':[{'name':'nginx','image':'nginx:1.27','ports':[{'containerPort':80,"
                        + "'name':'http','protocol':'TCP'}]},{'name':'sidecar','image':'busybox'}]}");
    }

    @Test
    void nullDeletesListsWithoutAMergeKeyAreReplacedAndMapsMerge() {
        assertThat(apply("{'metadata':{'labels':{'a':'1','b':'2'}},'args':['x','y']}",
                "{'metadata':{'labels':{'a':null,'c':'3'}},'args':['z']}"))
                .isEqualTo("{'metadata':{'labels':{'b':'2','c':'3'}},'args':['z']}");
    }

    @Test
    void honoursReplaceRetainKeysAndDeleteFromPrimitiveList() {
        assertThat(apply("{'data':{'a':'1','b':'2'}}", "{'data':{'$patch':'replace','c':'3'}}"))
                .isEqualTo("{'data':{'c':'3'}}");
        assertThat(apply("{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}",
                "{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}"))
                .isEqualTo("{'strategy':{'type':'Recreate'}}");
        assertThat(apply("{'finalizers':['a','b','c']}", "{'$deleteFromPrimitiveList/finalizers':['b']}"))
                .isEqualTo("{'finalizers':['a','c']}");
    }

    @Test
    void leavesItsInputsAlone() {
        ObjectNode original = json("{'spec':{'ports':[{'port':80}]}}");
        ObjectNode patch = json("{'spec':{'ports':[{'port':80,'name':'http'}]}}");

        StrategicMergePatch.apply(original, patch);

        assertThat(original.toString()).isEqualTo("{\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(patch.toString()).isEqualTo("{\"spec\":{\"ports\":[{\"port\":80,\"name\":\"http\"}]}}");
    }
}
