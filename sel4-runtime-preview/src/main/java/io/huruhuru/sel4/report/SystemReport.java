package io.huruhuru.sel4.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a compose system adds to a boot report: its name, the order services started in, the message-server
 * graph (which service reaches which protocol over which network), and after down the teardown check.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "bootOrder", "messageServers", "routes", "teardown"})
public record SystemReport(String name, List<String> bootOrder, List<MessageServerNode> messageServers,
                           List<Route> routes, Teardown teardown) {

    /** A message server PD, the networks it serves and the protocols registered on it. */
    @JsonPropertyOrder({"name", "networks", "protocols"})
    public record MessageServerNode(String name, List<String> networks, List<Publication> protocols) {
    }

    /** A registered protocol: its publisher, the badge of the server's cap and the slot of the server's CNode holding it. */
    @JsonPropertyOrder({"protocol", "publisher", "badge", "slot"})
    public record Publication(String protocol, String publisher, String badge, int slot) {
    }

    /** An edge of the graph: a service reaches a protocol of another over a network, with its own badge. */
    @JsonPropertyOrder({"service", "protocol", "publisher", "network", "messageServer", "badge"})
    public record Route(String service, String protocol, String publisher, String network, String messageServer,
                        String badge) {
    }

    /** The down check: services torn down in reverse order, and whether every byte went back to the untyped pool. */
    @JsonPropertyOrder({"order", "freeBytesBeforeUp", "freeBytesAfterDown", "returnedAllMemory"})
    public record Teardown(List<String> order, long freeBytesBeforeUp, long freeBytesAfterDown,
                           boolean returnedAllMemory) {
    }

    public SystemReport withTeardown(Teardown t) {
        return new SystemReport(name, bootOrder, messageServers, routes, t);
    }
}
