package io.huruhuru.sel4.rootserver;

import io.huruhuru.sel4.app.ApplicationDescription;
import io.huruhuru.sel4.app.Segment;
import io.huruhuru.sel4.kernel.VSpaceGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where an application's pages go, inside the kernel's user address limit: ELF segments (a PIE is loaded at a
 * fixed base), the heap right after the last segment, device registers from the middle of the user address
 * space up, and the stack below the top with the IPC buffer one guard page beneath it.
 */
public final class AddressSpaceLayout {

    /** Load base of position-independent executables, like a conventional ELF_ET_DYN_BASE. */
    public static final long PIE_BASE = 0x400000L;
    static final long PAGE = 4096;
    /** The stack top is the user top rounded down to 64 KiB, so a guard of at least 60 KiB lies above it. */
    static final long STACK_TOP_ALIGN = 0x10000L;
    static final String DEVICE_ROLE = "device";

    /** A device's registers: physical range and where they appear in the application's address space. */
    public record DeviceWindow(String name, long paddr, long bytes, long vaddr) {
    }

    /** Page permissions after merging every segment that touches the page. */
    public record PagePermissions(boolean read, boolean write, boolean execute) {
        PagePermissions merge(PagePermissions o) {
            return new PagePermissions(read || o.read, write || o.write, execute || o.execute);
        }

        public String text() {
            return (read ? "r" : "-") + (write ? "w" : "-") + (execute ? "x" : "-");
        }
    }

    /** A named run of pages to map with one permission set. */
    public record Area(String role, String name, long start, List<Long> pages, PagePermissions permissions) {
        public long end() {
            return pages.isEmpty() ? start : pages.get(pages.size() - 1) + PAGE;
        }
    }

    private final long loadBias;
    private final List<Area> areas;
    private final List<String> warnings;
    private final long heapStart;
    private final long stackBottom;
    private final long ipcBuffer;
    private final List<DeviceWindow> devices;
    private final long stackTop;
    private final Optional<String> misfit;

    private AddressSpaceLayout(long loadBias, List<Area> areas, List<String> warnings, long heapStart,
                               long stackBottom, long ipcBuffer, List<DeviceWindow> devices, long stackTop,
                               Optional<String> misfit) {
        this.devices = devices;
        this.stackTop = stackTop;
        this.misfit = misfit;
        this.loadBias = loadBias;
        this.areas = areas;
        this.warnings = warnings;
        this.heapStart = heapStart;
        this.stackBottom = stackBottom;
        this.ipcBuffer = ipcBuffer;
    }

    public static AddressSpaceLayout of(ApplicationDescription app, VSpaceGeometry geometry) {
        return of(app, geometry, List.of());
    }

    /** Where device windows start: the middle of the user address space, far above images and heaps. */
    public static long deviceBase(VSpaceGeometry geometry) {
        return geometry.userLimit() >>> 1;
    }

    /** The initial stack's top: the user top (USER_TOP) rounded down to 64 KiB. */
    public static long stackTop(VSpaceGeometry geometry) {
        return geometry.userTop() & -STACK_TOP_ALIGN;
    }

    /**
     * The layout with device registers too: each device (name, paddr, bytes) gets a window of whole pages
     * from the device base up, aligned to its size, one unmapped guard page after the previous one.
     */
    public static AddressSpaceLayout of(ApplicationDescription app, VSpaceGeometry geometry,
                                        List<DeviceWindow> devices) {
        long bias = app.elf().positionIndependent() ? PIE_BASE : 0;
        List<Segment> segments = app.elf().segments();
        // Every range is checked in arithmetic before any per-page list is built: sizes come from image labels and
        // ELF headers, so a hostile 2^36-byte segment or 2^31-page heap must be refused, not enumerated.
        Optional<String> early = rangeMisfit(app, geometry, bias, devices);
        if (early.isPresent()) {
            long top = stackTop(geometry);
            return new AddressSpaceLayout(bias, List.of(), List.of(), 0, top, top, List.of(), top, early);
        }
        List<String> warnings = new ArrayList<>();
        Map<Long, PagePermissions> perms = new TreeMap<>();
        long top = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.writable() && s.executable()) {
                warnings.add("segment " + i + " at 0x" + Long.toHexString(s.vaddr() + bias)
                        + " is both writable and executable");
            }
            if (s.memsz() == 0) {
                continue;
            }
            PagePermissions p = new PagePermissions(s.readable(), s.writable(), s.executable());
            for (long page = down(s.vaddr() + bias); page < up(s.vaddr() + bias + s.memsz()); page += PAGE) {
                PagePermissions before = perms.get(page);
                PagePermissions merged = before == null ? p : before.merge(p);
                if (before != null && merged.write() && merged.execute() && !(before.write() && before.execute())
                        && !(p.write() && p.execute())) {
                    warnings.add("page 0x" + Long.toHexString(page)
                            + " is shared by segments and becomes both writable and executable");
                }
                perms.put(page, merged);
            }
            top = Math.max(top, up(s.vaddr() + bias + s.memsz()));
        }
        List<Area> areas = new ArrayList<>();
        TreeSet<Long> claimed = new TreeSet<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.memsz() == 0) {
                continue;
            }
            List<Long> pages = new ArrayList<>();
            for (long page = down(s.vaddr() + bias); page < up(s.vaddr() + bias + s.memsz()); page += PAGE) {
                // A page two segments share is mapped once, by the first, with the merged permissions.
                if (claimed.add(page)) {
                    pages.add(page);
                }
            }
            PagePermissions p = pages.isEmpty() ? new PagePermissions(s.readable(), s.writable(), s.executable())
                    : perms.get(pages.get(0));
            areas.add(new Area("segment", "segment " + i + " (" + s.permissions() + ")",
                    down(s.vaddr() + bias), pages, p));
        }
        long heapStart = top;
        areas.add(new Area("heap", "heap", heapStart, pages(heapStart, app.heapPages()),
                new PagePermissions(true, true, false)));
        long stackTop = stackTop(geometry);
        long stackBottom = stackTop - app.stackPages() * PAGE;
        areas.add(new Area("stack", "stack", stackBottom, pages(stackBottom, app.stackPages()),
                new PagePermissions(true, true, false)));
        long ipc = stackBottom - 2 * PAGE;
        areas.add(new Area("ipc buffer", "IPC buffer", ipc, pages(ipc, 1), new PagePermissions(true, true, false)));
        List<DeviceWindow> placed = new ArrayList<>();
        long deviceBase = deviceBase(geometry);
        long next = deviceBase;
        for (DeviceWindow d : devices) {
            long bytes = up(d.bytes());
            long align = Long.highestOneBit(bytes) == bytes ? bytes : Long.highestOneBit(bytes) << 1;
            long vaddr = (next + align - 1) & -align;
            placed.add(new DeviceWindow(d.name(), d.paddr(), bytes, vaddr));
            areas.add(new Area(DEVICE_ROLE, "device " + d.name(), vaddr, pages(vaddr, bytes / PAGE),
                    new PagePermissions(true, true, false)));
            next = vaddr + bytes + PAGE;
        }
        long heapEnd = heapStart + app.heapPages() * PAGE;
        Optional<String> misfit = misfit(geometry, heapEnd, placed.isEmpty() ? ipc - PAGE : deviceBase,
                placed.isEmpty() ? 0 : next - PAGE, ipc);
        return new AddressSpaceLayout(bias, List.copyOf(areas), List.copyOf(warnings), heapStart, stackBottom, ipc,
                List.copyOf(placed), stackTop, misfit);
    }

    /**
     * Why the application's ranges cannot fit below the user limit, found without enumerating pages: a segment
     * that wraps or ends above the limit, a heap whose end does, or a stack larger than the space below the top.
     * The full {@link #misfit} check still runs on the built layout for the finer placement rules.
     */
    private static Optional<String> rangeMisfit(ApplicationDescription app, VSpaceGeometry geometry, long bias,
                                                List<DeviceWindow> devices) {
        long limit = geometry.userLimit();
        String where = "the user address limit 0x" + Long.toHexString(limit) + " (" + geometry.levels()
                + "-level VSpace)";
        long top = 0;
        List<Segment> segments = app.elf().segments();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (s.memsz() == 0) {
                continue;
            }
            long start = s.vaddr() + bias;
            if (Long.compareUnsigned(start, limit) >= 0 || Long.compareUnsigned(s.memsz(), limit - start) > 0) {
                return Optional.of("segment " + i + " at 0x" + Long.toHexString(start) + " of 0x"
                        + Long.toHexString(s.memsz()) + " bytes does not fit below " + where);
            }
            top = Math.max(top, up(start + s.memsz()));
        }
        long room = stackTop(geometry) - top;
        if (Long.compareUnsigned(app.heapPages(), room / PAGE) > 0) {
            return Optional.of("the heap of " + app.heapPages() + " pages from 0x" + Long.toHexString(top)
                    + " does not fit below " + where);
        }
        if (Long.compareUnsigned(app.stackPages(), room / PAGE) > 0) {
            return Optional.of("the stack of " + app.stackPages() + " pages does not fit below " + where);
        }
        for (DeviceWindow d : devices) {
            if (Long.compareUnsigned(d.bytes(), limit >>> 1) > 0) {
                return Optional.of("the device window " + d.name() + " of 0x" + Long.toHexString(d.bytes())
                        + " bytes does not fit below " + where);
            }
        }
        return Optional.empty();
    }

    /**
     * Why the pages do not fit below the user top, in the order they are laid out: image and heap below the
     * device windows (or below the IPC buffer's guard page when there are none), device windows below it.
     */
    private static Optional<String> misfit(VSpaceGeometry geometry, long imageEnd, long imageLimit, long devicesEnd,
                                           long ipc) {
        String limit = "the user address limit 0x" + Long.toHexString(geometry.userLimit()) + " (" + geometry.levels()
                + "-level VSpace)";
        if (Long.compareUnsigned(ipc, PAGE) < 0 || Long.compareUnsigned(ipc, geometry.userLimit()) >= 0) {
            return Optional.of("the stack and IPC buffer do not fit below " + limit);
        }
        if (Long.compareUnsigned(imageEnd, imageLimit) > 0 || Long.compareUnsigned(imageEnd, ipc - PAGE) > 0) {
            return Optional.of("the image and heap end at 0x" + Long.toHexString(imageEnd) + ", above 0x"
                    + Long.toHexString(Math.min(imageLimit, ipc - PAGE)) + " where the "
                    + (imageLimit < ipc - PAGE ? "device windows" : "stack's guard page") + " begin, inside " + limit);
        }
        if (Long.compareUnsigned(devicesEnd, ipc - PAGE) > 0) {
            return Optional.of("the device windows end at 0x" + Long.toHexString(devicesEnd) + ", above the stack's guard"
                    + " page at 0x" + Long.toHexString(ipc - PAGE) + ", inside " + limit);
        }
        return Optional.empty();
    }

    private static List<Long> pages(long start, long n) {
        List<Long> out = new ArrayList<>((int) n);
        for (long i = 0; i < n; i++) {
            out.add(start + i * PAGE);
        }
        return out;
    }

    /** The 2^shift windows the mapped pages touch; one paging structure per window (levels 1..3). */
    public TreeSet<Long> windows(int shift) {
        TreeSet<Long> out = new TreeSet<>();
        for (Area a : areas) {
            for (long page : a.pages()) {
                out.add(page >>> shift);
            }
        }
        return out;
    }

    public List<DeviceWindow> devices() {
        return devices;
    }

    public long loadBias() {
        return loadBias;
    }

    public List<Area> areas() {
        return areas;
    }

    public List<String> warnings() {
        return warnings;
    }

    public long heapStart() {
        return heapStart;
    }

    public long stackBottom() {
        return stackBottom;
    }

    public long stackTop() {
        return stackTop;
    }

    /** Why the layout does not fit the user address space, if it does not: the boot must stop. */
    public Optional<String> misfit() {
        return misfit;
    }

    public long ipcBuffer() {
        return ipcBuffer;
    }

    public int framePages() {
        return areas.stream().mapToInt(a -> a.pages().size()).sum();
    }

    static long down(long v) {
        return v & -PAGE;
    }

    static long up(long v) {
        return (v + PAGE - 1) & -PAGE;
    }
}
