package io.barelb.embedded;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts in front of the CRUD dispatcher what {@code kubectl} needs and the mock server does not serve: the
 * discovery and OpenAPI documents, {@code Table} responses for {@code kubectl get}, strategic and JSON merge
 * patches (applied here, stored with a PUT), a Service's labels and annotations written with its status (as the API
 * server keeps them), Event field selectors, protobuf request bodies (decoded to JSON, or
 * refused at once with 415 when {@link KubeProtobuf} cannot read them) and JSON {@code Content-Type} on every
 * answer. Whatever fails inside the mock becomes a 500 {@code Status}, so no request is left hanging. Everything else goes to the CRUD dispatcher. Thread-safe.
 */
final class ApiDispatcher extends Dispatcher {

    private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    private final KubernetesCrudDispatcher crud;
    private final DiscoveryDocuments documents;
    private final Clock clock;

    ApiDispatcher(KubernetesCrudDispatcher crud, DiscoveryDocuments documents, Clock clock) {
        this.crud = crud;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response;
        try {
            response = route(request);
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "the embedded API failed on " + request.getMethod() + " " + request.getPath(), failed);
            response = ApiPaths.status(500, "InternalError", "the embedded API could not serve "
                    + request.getMethod() + " " + request.getPath() + ": " + failed);
        }
        if (response.getHeaders().header("Content-Type") == null && response.getWebSocketListener() == null) {
            response.setHeader("Content-Type", "application/json");
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(request.getMethod() + " " + request.getPath() + " -> " + response.getStatus());
        }
        return response;
    }

    private MockResponse route(RecordedRequest request) {
        ApiPaths path = ApiPaths.of(request.getPath());
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith(PROTOBUF)) {
            ObjectNode object;
            try {
                object = KubeProtobuf.decode(request.getBody().getBytes());
            } catch (KubeProtobuf.UnsupportedException unsupported) {
                return ApiPaths.status(415, "UnsupportedMediaType", unsupported.getMessage());
            }
            request = withJsonBody(request, HttpMethod.valueOf(request.getMethod()), object);
            contentType = "application/json";
        }
        String method = request.getMethod();
        if ("POST".equals(method) && "events".equals(path.resource())) {
            request = withJsonBody(request, HttpMethod.POST, withInvolvedObjectUid(request));
        }
        if ("GET".equals(method) && DiscoveryDocuments.isDiscovery(path.path())) {
            return documents.response(path.path(), storedCrds());
        }
        if ("scale".equals(path.subresource())) {
            return scale(request, path, contentType);
        }
        if ("GET".equals(method)) {
            return get(request, path);
        }
        if (("POST".equals(method) || "PUT".equals(method)) && isCrd(path) && path.subresource() == null) {
            ObjectNode crd = (ObjectNode) JSON.readTree(request.getUtf8Body());
            request = withJsonBody(request, HttpMethod.valueOf(method),
                    CustomResources.accepted(crd, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        }
        if ("PUT".equals(method) && "services".equals(path.resource()) && "status".equals(path.subresource())) {
            return serviceStatus(request, path);
        }
        boolean strategic = contentType != null && contentType.startsWith("application/strategic-merge-patch+json");
        boolean merge = contentType != null && contentType.startsWith("application/merge-patch+json");
        if ("PATCH".equals(method) && (strategic || merge) && path.subresource() == null) {
            return mergePatch(request, path, strategic);
        }
        if ("PATCH".equals(method) && contentType != null && contentType.startsWith("application/apply-patch")) {
            return ApiPaths.status(415, "UnsupportedMediaType",
                    "the embedded API has no server-side apply; use kubectl apply without --server-side");
        }
        return crud.dispatch(request);
    }

    private MockResponse get(RecordedRequest request, ApiPaths path) {
        String upgrade = request.getHeader("Upgrade");
        if (path.watch() && (upgrade == null || !upgrade.equalsIgnoreCase("websocket"))) {
            return ApiPaths.status(406, "NotAcceptable", "the embedded API streams watches over WebSocket only "
                    + "(as fabric8 clients ask), not over HTTP as kubectl get --watch does; run kubectl get again instead");
        }
        if (path.resource() == null || path.watch()) {
            return crud.dispatch(request);
        }
        MockResponse plain = crud.handleGet(path.withoutQueryParameter("fieldSelector"));
        if (plain.getBody() == null || plain.code() != 200) {
            return plain;
        }
        String body = new String(plain.getBody().getBytes(), StandardCharsets.UTF_8);
        String selector = path.query("fieldSelector");
        if (selector != null && path.name() == null) {
            body = FieldSelector.parse(selector).filter(body);
        }
        body = typedList(body);
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("as=Table")) {
            JsonNode crd = path.group().isEmpty() ? null : storedCrd(path.resource() + "." + path.group());
            body = crd == null ? ResourceTables.toTable(path.resource(), body, clock.instant())
                    : ResourceTables.toTable(CustomResources.printerColumns(crd, path.version()), body, clock.instant());
        }
        return new MockResponse().setResponseCode(200).setBody(body);
    }

    private static boolean isCrd(ApiPaths path) {
        return "customresourcedefinitions".equals(path.resource()) && "apiextensions.k8s.io".equals(path.group());
    }

    /** The CustomResourceDefinitions stored in the mock. */
    private List<JsonNode> storedCrds() {
        MockResponse list = crud.handleGet(CRDS);
        List<JsonNode> crds = new ArrayList<>();
        if (list.code() == 200 && list.getBody() != null) {
            JSON.readTree(list.getBody().getBytes()).path("items").forEach(crds::add);
        }
        return crds;
    }

    /** The stored CustomResourceDefinition {@code name} ({@code ipaddresspools.metallb.io}), or null. */
    private JsonNode storedCrd(String name) {
        MockResponse crd = crud.handleGet(CRDS + "/" + name);
        return crd.code() == 200 && crd.getBody() != null ? JSON.readTree(crd.getBody().getBytes()) : null;
    }

    /**
     * The scale subresource ({@code kubectl scale}): an {@code autoscaling/v1 Scale} read from the object's
     * {@code spec.replicas}, and a GET, PUT or merge patch of it written back there.
     */
    private MockResponse scale(RecordedRequest request, ApiPaths path, String contentType) {
        String objectPath = path.path().substring(0, path.path().length() - "/scale".length());
        MockResponse current = crud.handleGet(objectPath);
        if (current.code() != 200 || current.getBody() == null) {
            return current;
        }
        ObjectNode object = (ObjectNode) JSON.readTree(current.getBody().getBytes());
        String method = request.getMethod();
        if ("GET".equals(method)) {
            return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(Scales.of(object)));
        }
        JsonNode sent = JSON.readTree(request.getUtf8Body());
        if (!sent.isObject()) {
            return ApiPaths.status(400, "BadRequest", "a Scale must be a JSON object");
        }
        JsonNode scale = "PUT".equals(method) ? sent : JsonMergePatch.apply(Scales.of(object), (ObjectNode) sent);
        if ("PATCH".equals(method) && contentType != null && contentType.startsWith("application/json-patch")) {
            return ApiPaths.status(415, "UnsupportedMediaType",
                    "the embedded API patches a Scale with a merge patch only (as kubectl scale sends)");
        }
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber()) {
            return ApiPaths.status(422, "Invalid", "Scale spec.replicas: must be a whole number, not " + replicas);
        }
        ((ObjectNode) object.withObject("/spec")).put("replicas", replicas.asInt());
        MockResponse written = crud.dispatch(withJsonBody(request, HttpMethod.PUT, objectPath, object));
        if (written.code() != 200 || written.getBody() == null) {
            return written;
        }
        ObjectNode stored = (ObjectNode) JSON.readTree(written.getBody().getBytes());
        return new MockResponse().setResponseCode(200).setBody(JSON.writeValueAsString(Scales.of(stored)));
    }

    /**
     * A list the mock calls {@code List} renamed after its items ({@code EventList}): client-go's typed clients,
     * which {@code kubectl describe} uses, decode nothing else into their list types.
     */
    private static String typedList(String body) {
        JsonNode list = JSON.readTree(body);
        String itemKind = list.path("items").path(0).path("kind").asString("");
        if (!"List".equals(list.path("kind").asString("")) || itemKind.isEmpty()) {
            return body;
        }
        ((ObjectNode) list).put("kind", itemKind + "List");
        return JSON.writeValueAsString(list);
    }

    private MockResponse mergePatch(RecordedRequest request, ApiPaths path, boolean strategic) {
        MockResponse current = crud.handleGet(path.path());
        if (current.code() != 200 || current.getBody() == null) {
            return current;
        }
        JsonNode original = JSON.readTree(current.getBody().getBytes());
        JsonNode patch = JSON.readTree(request.getUtf8Body());
        if (!original.isObject() || !patch.isObject()) {
            return ApiPaths.status(400, "BadRequest", "a merge patch must be a JSON object");
        }
        ObjectNode merged = strategic ? StrategicMergePatch.apply((ObjectNode) original, (ObjectNode) patch)
                : JsonMergePatch.apply((ObjectNode) original, (ObjectNode) patch);
        // the whole merged object replaces the stored one: the mock's own merge patch appends to lists
        return crud.dispatch(withJsonBody(request, HttpMethod.PUT, merged));
    }

    /**
     * A Service's status written the way the API server does it: the status subresource of a core Service takes
     * the labels and annotations sent with the status too (it resets only the spec; MetalLB's controller records
     * its pool annotation that way), and refuses a stale {@code resourceVersion} with 409. The mock's own status
     * write keeps the status alone and never conflicts. A write that names the version it is based on is stored
     * as sent (the mock refuses it with 409 unless that version is the stored one): one look-up in the mock's store,
     * as many as its own status write costs. Unlike the API server, this keeps a spec the client changed in such a
     * write (the API server would reset it; BareLB never changes the spec there). A write without a version is
     * merged into the stored object (its spec kept), at the cost of a second look-up.
     */
    private MockResponse serviceStatus(RecordedRequest request, ApiPaths path) {
        String object = path.path().substring(0, path.path().length() - "/status".length());
        JsonNode sent = JSON.readTree(request.getUtf8Body());
        if (!sent.isObject() || !sent.path("metadata").isObject()) {
            return ApiPaths.status(400, "BadRequest", "a status write must be a Service object");
        }
        if (!sent.path("metadata").path("resourceVersion").asString("").isEmpty()) {
            return crud.dispatch(withJsonBody(request, HttpMethod.PUT, object, (ObjectNode) sent));
        }
        MockResponse current = crud.handleGet(object);
        if (current.code() != 200 || current.getBody() == null) {
            return current;
        }
        ObjectNode stored = (ObjectNode) JSON.readTree(current.getBody().getBytes());
        ObjectNode metadata = (ObjectNode) stored.get("metadata");
        for (String field : java.util.List.of("labels", "annotations")) {
            JsonNode value = sent.path("metadata").get(field);
            if (value == null || value.isNull()) {
                metadata.remove(field);
            } else {
                metadata.set(field, value);
            }
        }
        if (sent.has("status")) {
            stored.set("status", sent.get("status"));
        }
        return crud.dispatch(withJsonBody(request, HttpMethod.PUT, object, stored));
    }

    private static RecordedRequest withJsonBody(RecordedRequest request, HttpMethod method, ObjectNode body) {
        return withJsonBody(request, method, request.getPath(), body);
    }

    private static RecordedRequest withJsonBody(RecordedRequest request, HttpMethod method, String path, ObjectNode body) {
        Headers headers = new Headers.Builder().set("Content-Type", "application/json").build();
        return new RecordedRequest(request.getHttpVersion(), method, path, headers,
                new Buffer().writeUtf8(JSON.writeValueAsString(body)));
    }

    /**
     * The Event with {@code involvedObject.uid} filled in from the object it names, when the recorder left it
     * out: {@code kubectl describe} selects Events by that uid, and BareLB's event sink does not record it.
     */
    private ObjectNode withInvolvedObjectUid(RecordedRequest request) {
        ObjectNode event = (ObjectNode) JSON.readTree(request.getUtf8Body());
        JsonNode involved = event.path("involvedObject");
        String plural = involved.path("kind").asString("").toLowerCase(java.util.Locale.ROOT) + "s";
        if (involved.isObject() && involved.path("uid").asString("").isEmpty()
                && "v1".equals(involved.path("apiVersion").asString("v1"))) {
            MockResponse object = crud.handleGet("/api/v1/namespaces/" + involved.path("namespace").asString("")
                    + "/" + plural + "/" + involved.path("name").asString(""));
            if (object.code() == 200 && object.getBody() != null) {
                String uid = JSON.readTree(object.getBody().getBytes()).path("metadata").path("uid").asString("");
                if (!uid.isEmpty()) {
                    ((ObjectNode) involved).put("uid", uid);
                }
            }
        }
        return event;
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
