package io.huruhuru.server.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.server.RunningRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The router and openapi.yaml name the same routes: none served undocumented, none documented unserved. */
class OpenApiRoutesTest {

    @RegisterExtension
    final RunningRegistry registry = new RunningRegistry();

    /** A route of the router that answers requests (not a handler every request passes through). */
    private record Served(Set<HttpMethod> methods, Optional<String> exactPath, Optional<Pattern> regex) {

        boolean serves(String method, String path) {
            if (!methods.isEmpty() && methods.stream().noneMatch(m -> m.name().equals(method))) {
                return false;
            }
            return exactPath.map(path::equals).orElseGet(() -> regex.orElseThrow().matcher(path).matches());
        }

        @Override
        public String toString() {
            return (methods.isEmpty() ? "ANY" : methods.stream().map(HttpMethod::name).sorted()
                    .collect(Collectors.joining(","))) + " " + exactPath.orElseGet(() -> regex.orElseThrow().pattern());
        }
    }

    @Test
    void everyRouteOfTheRouterIsAnOperationOfTheDocument() {
        List<ApiDocument.Operation> operations = ApiDocument.load().operations();
        List<String> undocumented = new ArrayList<>();
        for (Served route : served()) {
            boolean documented = operations.stream()
                    .anyMatch(op -> route.serves(op.method(), op.examplePath())
                            && (route.methods().isEmpty() || route.methods().contains(HttpMethod.valueOf(op.method()))));
            if (!documented) {
                undocumented.add(route.toString());
            }
        }
        assertEquals(List.of(), undocumented, "routes the router serves that openapi.yaml does not describe");
    }

    @Test
    void everyOperationOfTheDocumentIsServedUnlessMarkedPending() {
        List<String> unserved = new ArrayList<>();
        List<String> servedButPending = new ArrayList<>();
        List<Served> routes = served();
        for (ApiDocument.Operation op : ApiDocument.load().operations()) {
            boolean isServed = routes.stream().anyMatch(route -> route.serves(op.method(), op.examplePath()));
            if (!isServed && op.pending().isEmpty()) {
                unserved.add(op.operationId() + " " + op.method() + " " + op.template());
            }
            if (isServed && op.pending().isPresent()) {
                servedButPending.add(op.operationId() + " (remove its x-huruhuru-pending)");
            }
        }
        assertEquals(List.of(), unserved, "operations of openapi.yaml the router does not serve");
        assertEquals(List.of(), servedButPending, "operations marked pending that the router serves");
    }

    @Test
    void everyOperationHasAUniqueOperationId() {
        List<String> ids = ApiDocument.load().operations().stream().map(ApiDocument.Operation::operationId).toList();
        assertTrue(ids.stream().allMatch(id -> id != null && !id.isBlank()), "an operation without operationId");
        assertEquals(ids.size(), Set.copyOf(ids).size(), "operationIds repeat: " + ids);
    }

    @Test
    void theWalkSeesTheRegexRoutesOfTheRepositoryApi() {
        // guards the reflection below: without the regular expressions, the /v2 routes would go unchecked
        assertTrue(served().stream().anyMatch(route -> route.serves("GET", "/v2/library/app/manifests/latest")));
    }

    /** The router's answering routes: those with an exact path or a regular expression, not prefixes like /v2/*. */
    private List<Served> served() {
        List<Served> served = new ArrayList<>();
        for (Route route : registry.registry().router().getRoutes()) {
            Optional<Pattern> regex = regex(route);
            String path = route.getPath();
            if (regex.isPresent()) {
                served.add(new Served(route.methods(), Optional.empty(), regex));
            } else if (path != null && route.isExactPath()) {
                served.add(new Served(route.methods(), Optional.of(path), Optional.empty()));
            }
        }
        return served;
    }

    /** Vert.x keeps a route's regular expression in its internal state only. */
    private static Optional<Pattern> regex(Route route) {
        if (!route.isRegexPath()) {
            return Optional.empty();
        }
        try {
            Method state = route.getClass().getDeclaredMethod("state");
            state.setAccessible(true);
            Object routeState = state.invoke(route);
            Method pattern = routeState.getClass().getMethod("getPattern");
            pattern.setAccessible(true);
            return Optional.of((Pattern) pattern.invoke(routeState));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the regular expression of a Vert.x route", e);
        }
    }
}
