package io.huruhuru.bench.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One HTTP/1.1 response: status, headers by lower-case name, and the body when it was kept. */
record HttpResponse(int status, Map<String, List<String>> headers, byte[] body, long bodyLength) {

    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}
