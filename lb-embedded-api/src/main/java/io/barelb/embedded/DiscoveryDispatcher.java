package io.barelb.embedded;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts in front of the CRUD dispatcher what {@code kubectl} needs and the mock server does not serve: the
 * discovery documents ({@code /version}, {@code /api}, {@code /api/v1}, {@code /apis}, ...) and Service lists in
 * the {@code Table} form {@code kubectl get svc} prints. Everything else goes to the CRUD dispatcher.
 */
final class DiscoveryDispatcher extends Dispatcher {

    private static final Pattern SERVICES = Pattern.compile("/api/v1(/namespaces/[^/]+)?/services(/[^/?]+)?");

    private final KubernetesCrudDispatcher crud;
    private final DiscoveryDocuments documents;

    DiscoveryDispatcher(KubernetesCrudDispatcher crud, DiscoveryDocuments documents) {
        this.crud = crud;
        this.documents = documents;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String full = request.getPath() == null ? "" : request.getPath();
        int query = full.indexOf('?');
        String path = query < 0 ? full : full.substring(0, query);
        if ("GET".equals(request.getMethod())) {
            String document = documents.document(path);
            if (document != null) {
                return json(200, document);
            }
            String accept = request.getHeader("Accept");
            boolean watch = full.contains("watch=true") || full.contains("watch=1");
            Matcher services = SERVICES.matcher(path);
            if (!watch && accept != null && accept.contains("as=Table") && services.matches()) {
                MockResponse plain = crud.handleGet(full);
                if (plain.getBody() == null || !plain.getStatus().contains("200")) {
                    return plain;
                }
                String body = new String(plain.getBody().getBytes(), StandardCharsets.UTF_8);
                return json(200, ServiceTable.toTable(body));
            }
        }
        return crud.dispatch(request);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
