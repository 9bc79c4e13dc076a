package io.huruhuru.sel4.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huruhuru.sel4.cspace.Slot;
import io.huruhuru.sel4.untyped.UntypedRetype;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Untyped_Retype over random sequences of requests: placement invariants and the watermark's return.
 * Each try is one seed of {@link Random}, so a failure names the seed that reproduces it.
 */
class UntypedRetypePropertiesTest {

    private static final long BASE = 0x40000000L;
    private static final int UT_BITS = 20;
    private static final List<ObjectType> TYPES = List.of(ObjectType.TCB, ObjectType.ENDPOINT,
            ObjectType.NOTIFICATION, ObjectType.CNODE, ObjectType.FRAME_4K, ObjectType.PAGE_TABLE,
            ObjectType.UNTYPED, ObjectType.VSPACE);

    /** One retype request: a type, its user size where it has one, and how many objects. */
    record Request(ObjectType type, long userSize, int count) {
    }

    private record Placed(long paddr, long bytes) {
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** Between min and max requests of any type; CNodes get 1..12 radix bits, untypeds 4..15 size bits. */
    private static List<Request> randomRequests(long seed, int min, int max) {
        Random random = new Random(seed);
        int n = min + random.nextInt(max - min + 1);
        List<Request> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectType t = TYPES.get(random.nextInt(TYPES.size()));
            int size = 1 + random.nextInt(12);
            int count = 1 + random.nextInt(8);
            requests.add(new Request(t, t == ObjectType.UNTYPED ? size + 3 : t == ObjectType.CNODE ? size : 0, count));
        }
        return requests;
    }

    private static List<Placed> apply(KernelFixture f, Slot ut, List<Request> requests) {
        List<Placed> placed = new ArrayList<>();
        int slot = 10;
        for (Request r : requests) {
            if (slot + r.count() > 255) {
                break;
            }
            var result = UntypedRetype.retype(f.kernel, ut, KernelFixture.intoRoot(r.type(), r.userSize(), slot, r.count()));
            if (result instanceof Result.Ok<List<UntypedRetype.Created>> ok) {
                long bytes = 1L << r.type().sizeBits(f.kernel.config(), r.userSize());
                ok.value().forEach(c -> placed.add(new Placed(c.paddr(), bytes)));
                slot += r.count();
            }
        }
        return placed;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void objectsStayInsideTheirUntypedAlignedAndApart(long seed) {
        List<Request> requests = randomRequests(seed, 0, 40);
        KernelFixture f = new KernelFixture(false);
        Slot ut = f.untyped(2, BASE, UT_BITS, false);
        List<Placed> placed = apply(f, ut, requests);
        String context = " (seed " + seed + ", requests " + requests + ")";
        for (int i = 0; i < placed.size(); i++) {
            Placed p = placed.get(i);
            assertTrue(p.paddr() >= BASE && p.paddr() + p.bytes() <= BASE + (1L << UT_BITS), "outside: " + p + context);
            assertEquals(0, p.paddr() % p.bytes(), "misaligned: " + p + context);
            for (int j = i + 1; j < placed.size(); j++) {
                Placed q = placed.get(j);
                assertTrue(p.paddr() + p.bytes() <= q.paddr() || q.paddr() + q.bytes() <= p.paddr(),
                        "overlap: " + p + " and " + q + context);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void revokeReturnsTheWholeUntypedAndTheNextObjectStartsAtItsBase(long seed) {
        List<Request> requests = randomRequests(seed, 1, 30);
        KernelFixture f = new KernelFixture(false);
        Slot ut = f.untyped(2, BASE, UT_BITS, false);
        apply(f, ut, requests);
        f.kernel.caps().revoke(ut);
        String context = " (seed " + seed + ", requests " + requests + ")";
        assertEquals(1L << UT_BITS, UntypedRetype.availableBytes(f.kernel, ut), "free bytes after revoke" + context);
        var again = UntypedRetype.retype(f.kernel, ut, KernelFixture.intoRoot(ObjectType.FRAME_4K, 0, 10, 1));
        assertEquals(BASE, ((Result.Ok<List<UntypedRetype.Created>>) again).value().get(0).paddr(),
                "first object after revoke" + context);
    }
}
