package io.huruhuru.sel4.system;

/** A compose network and the message server that serves it ({@code x-msg-server}; by default the network's name). */
public record Network(String name, String messageServer) {

    /** The network of services that name none, as compose has it. */
    public static final String DEFAULT = "default";
}
