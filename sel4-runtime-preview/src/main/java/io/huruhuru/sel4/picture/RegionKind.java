package io.huruhuru.sel4.picture;

/** What a drawn region is, with its colour and legend words; the id is the region's {@code data-region}. */
enum RegionKind {
    KERNEL("kernel", "kernel image", "#5b6770"),
    BOOT_RESERVED("reserved", "reserved at boot (DTB, boot info, alignment)", "#a7b1b8"),
    ROOT_SERVER("root-server", "root server", "#7a4fa3"),
    FRAMES("frames", "frames", "#2f7fc1"),
    TABLES("tables", "paging structures", "#19a0a0"),
    THREAD("thread", "TCB, scheduling context, reply", "#e07b22"),
    CNODE("cnode", "CNode", "#c9a227"),
    ENDPOINT("endpoint", "endpoint", "#d1495b"),
    UNTYPED_GIVEN("untyped-given", "untyped given to the app", "#8c6d46"),
    OTHER_OBJECT("object", "other kernel object", "#6a994e"),
    FREE("free", "free", "#e3efe3"),
    UNTYPED("untyped", "untyped (RAM)", "#b7d7b0"),
    DEVICE_UNTYPED("device-untyped", "untyped (device)", "#d8c7e8"),
    DEVICE("device", "device registers", "#b07aa1"),
    UNMAPPED("unmapped", "unmapped", "#f4f4f4"),
    TEXT("text", "text", "#2f7fc1"),
    DATA("data", "data and bss", "#4aa3df"),
    HEAP("heap", "heap", "#6ab04c"),
    STACK("stack", "stack", "#e07b22"),
    IPC_BUFFER("ipc-buffer", "IPC buffer", "#d1495b"),
    GUEST("guest", "guest memory map", "#8e7cc3");

    final String id;
    final String legend;
    final String colour;

    RegionKind(String id, String legend, String colour) {
        this.id = id;
        this.legend = legend;
        this.colour = colour;
    }

    /** The physical kind of a retyped object, from its seL4 object type name. */
    static RegionKind ofObjectType(String objectType) {
        String t = objectType == null ? "" : objectType;
        if (t.contains("Table") || t.contains("VSpace") || t.contains("Directory") || t.contains("PML4")
                || t.contains("PDPT")) {
            return TABLES;
        }
        if (t.contains("Page") || t.contains("X86_4K") || t.contains("Frame")) {
            return FRAMES;
        }
        if (t.contains("TCB") || t.contains("SchedContext") || t.contains("Reply") || t.contains("VCPU")) {
            return THREAD;
        }
        if (t.contains("CapTable")) {
            return CNODE;
        }
        if (t.contains("Endpoint") || t.contains("Notification")) {
            return ENDPOINT;
        }
        if (t.contains("Untyped")) {
            return UNTYPED_GIVEN;
        }
        return OTHER_OBJECT;
    }

    /** The slide's words for a mapped region of an application's address space. */
    static RegionKind ofMapped(String name, String permissions) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("heap")) {
            return HEAP;
        }
        if (n.startsWith("stack")) {
            return STACK;
        }
        if (n.startsWith("ipc")) {
            return IPC_BUFFER;
        }
        if (n.startsWith("device")) {
            return DEVICE;
        }
        return permissions != null && permissions.contains("x") ? TEXT : DATA;
    }
}
