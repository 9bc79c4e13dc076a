/*
 * Freestanding probes of the POSIX runtime (no libc, integer instructions only): argv[1] picks one, the
 * result is printed with write(2) and the exit status says how it went.
 * Built with -nostdlib -ffreestanding -static-pie; it has no relocations, so it needs no self-relocation.
 */
typedef unsigned long u64;

static u64 start_address;

static long sys(long n, long a, long b, long c, long d, long e, long f) {
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}

static u64 length(const char *s) {
    u64 n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void say(const char *s) {
    sys(64, 1, (long) s, (long) length(s), 0, 0, 0);
}

static void number(long v) {
    char buf[24];
    int i = 23;
    int negative = v < 0;
    u64 u = negative ? (u64) -v : (u64) v;
    buf[i] = 0;
    do {
        buf[--i] = (char) ('0' + u % 10);
        u /= 10;
    } while (u);
    if (negative) {
        buf[--i] = '-';
    }
    say(buf + i);
}

static int same(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static void done(long status) {
    sys(94, status, 0, 0, 0, 0, 0);
}

static __attribute__((noinline, used)) void code_target(void) {
    __asm__ volatile("");
}

static int main(int argc, char **argv) {
    const char *probe = argc > 1 ? argv[1] : "";
    if (same(probe, "write")) {
        say("to stdout\n");
        sys(64, 2, (long) "to stderr\n", 10, 0, 0, 0);
        number(sys(64, 5, (long) "x", 1, 0, 0, 0));
        say("\n");
        return 0;
    }
    if (same(probe, "brk")) {
        long start = sys(214, 0, 0, 0, 0, 0, 0);
        long grown = sys(214, start + 3 * 4096, 0, 0, 0, 0, 0);
        char *p = (char *) start;
        p[3 * 4096 - 1] = 1;
        long toofar = sys(214, start + 1000L * 4096, 0, 0, 0, 0, 0);
        number(grown - start);
        say(" ");
        number(toofar == grown);
        say("\n");
        return 0;
    }
    if (same(probe, "mmap")) {
        long total = 0;
        for (;;) {
            long p = sys(222, 0, 8192, 3, 0x22, -1, 0);
            if (p < 0 && p > -4096) {
                number(p);
                break;
            }
            *(volatile long *) p = 1;
            total++;
        }
        say(" after ");
        number(total);
        say(" mappings\n");
        return 0;
    }
    if (same(probe, "files")) {
        number(sys(56, -100, (long) "/foo.txt", 1, 0, 0, 0));
        say(" ");
        number(sys(56, -100, (long) "/new.txt", 0101, 0644, 0, 0));
        say(" ");
        number(sys(56, -100, (long) "/missing", 0, 0, 0, 0));
        say(" ");
        long fd = sys(56, -100, (long) "/link/../foo.txt", 0, 0, 0, 0);
        char buf[32];
        long n = sys(63, fd, (long) buf, 5, 0, 0, 0);
        sys(64, 1, (long) buf, n, 0, 0, 0);
        say(" ");
        number(sys(62, fd, 0, 2, 0, 0, 0));
        say("\n");
        return 0;
    }
    if (same(probe, "args")) {
        for (int i = 0; i < argc; i++) {
            say(argv[i]);
            say("|");
        }
        char **envp = argv + argc + 1;
        for (; *envp; envp++) {
            say(*envp);
            say("|");
        }
        u64 *aux = (u64 *) (envp + 1);
        for (; aux[0] != 0; aux += 2) {
            u64 type = aux[0];
            if (type == 4 || type == 5 || type == 6 || type == 16 || type == 23 || type == 26) {
                number((long) type);
                say("=");
                number((long) aux[1]);
                say(" ");
            }
            if (type == 31) {
                say("execfn=");
                say((const char *) aux[1]);
                say(" ");
            }
            if (type == 9) {
                say(aux[1] == start_address ? "entry=_start " : "entry=elsewhere ");
            }
            if (type == 3) {
                say("phdr[0].p_type=");
                number(*(unsigned *) aux[1]);
                say(" ");
            }
        }
        say("\n");
        return (int) (((u64) argv - 8) & 15);
    }
    if (same(probe, "hostile")) {
        long heap = sys(214, 0, 0, 0, 0, 0, 0);
        long results[] = {
            sys(64, 1, 0x10, 4, 0, 0, 0),                      /* write from an unmapped buffer */
            sys(63, 0, 0x10, 4, 0, 0, 0),                      /* read stdin (end of file) */
            sys(56, -100, 0x10, 0, 0, 0, 0),                   /* openat with an unmapped path */
            sys(56, -100, (long) "/foo.txt/x", 0, 0, 0, 0),     /* a file used as a directory */
            sys(61, 77, 0, 0, 0, 0, 0),                        /* getdents64 on a closed descriptor */
            sys(215, heap, -1, 0, 0, 0, 0),                    /* munmap of an absurd length */
            sys(226, 0x400000, 0x7fffffffffffffff, 1, 0, 0, 0), /* mprotect of an absurd length */
            sys(222, 0, 0x7ffffffffffff000, 3, 0x22, -1, 0),   /* mmap of an absurd length */
            sys(66, 1, 0x10, 1025, 0, 0, 0),                   /* writev with too many vectors */
            sys(79, -100, (long) "/", 0x10, 0, 0, 0),          /* newfstatat into an unmapped buffer */
            sys(56, -100, (long) "/loop", 0, 0, 0, 0),         /* a link to itself */
            sys(56, -100, (long) "/up/../../../foo.txt", 0, 0, 0, 0), /* climbing out of the root */
        };
        for (unsigned i = 0; i < sizeof results / sizeof results[0]; i++) {
            number(results[i]);
            say(" ");
        }
        say("\n");
        return 0;
    }
    if (same(probe, "unknown")) {
        number(sys(1234, 0, 0, 0, 0, 0, 0));
        say("\n");
        return 0;
    }
    if (same(probe, "clone")) {
        sys(220, 0, 0, 0, 0, 0, 0);
        return 0;
    }
    if (same(probe, "spin")) {
        for (volatile u64 i = 0;; i++) {
        }
    }
    if (same(probe, "code")) {
        /* A store into the program's own (read-only, executable) code. */
        *(volatile unsigned *) (void *) code_target = 0;
        return 0;
    }
    if (same(probe, "review")) {
        /* One result per fix of the review, in order (see PosixRuntimeTest). */
        char *m = (char *) sys(222, 0, 8192, 3, 0x22, -1, 0);
        sys(215, (long) (m + 4096), 4096, 0, 0, 0, 0);
        m[4093] = 'a';
        m[4094] = 'b';
        m[4095] = 'c';
        /* Filled by statements: an initialiser would put the string's address in data needing a relocation. */
        struct { const char *base; long len; } iov[2];
        iov[0].base = "ab";
        iov[0].len = 2;
        iov[1].base = (const char *) 0x10;
        iov[1].len = 4;
        int word = 5;
        long timeout[2] = {0, 1000};
        char dents[4096];
        long dir = sys(56, -100, (long) "/", 040000, 0, 0, 0);
        long results[] = {
            sys(56, -100, (long) "/foo.txt", 0100, 0644, 0, 0) >= 0, /* O_CREAT on an existing file opens it */
            sys(56, -100, (long) "/foo.txt", 0300, 0644, 0, 0),      /* O_CREAT|O_EXCL on it: EEXIST */
            sys(56, -100, (long) "/nothere", 0100, 0644, 0, 0),      /* O_CREAT of a new name: EROFS */
            sys(56, -100, (long) (m + 4093), 0, 0, 0, 0),            /* a path running into an unmapped page */
            sys(66, 1, (long) iov, 2, 0, 0, 0),                      /* writev faulting after 2 bytes */
            sys(98, (long) &word, 0, 5, (long) timeout, 0, 0),       /* FUTEX_WAIT with a timeout */
            sys(226, (long) 0xfffffffffffff000UL, 0x2000, 1, 0, 0, 0), /* mprotect wrapping around */
            sys(29, 77, 0x5401, (long) dents, 0, 0, 0),              /* ioctl on a closed descriptor */
            sys(61, dir, 0x10, 4096, 0, 0, 0),                       /* getdents64 into an unmapped buffer */
            sys(61, dir, (long) dents, (long) 0xffffffff00001000UL, 0, 0, 0), /* count is an unsigned int */
        };
        for (unsigned i = 0; i < sizeof results / sizeof results[0]; i++) {
            number(results[i]);
            say(" ");
        }
        say(dents + 19);
        say("\n");
        return 0;
    }
    if (same(probe, "munmap")) {
        volatile char *m = (volatile char *) sys(222, 0, 8192, 3, 0x22, -1, 0);
        m[0] = 1;
        sys(215, (long) m, 4096, 0, 0, 0, 0);
        number((long) m);
        say("\n");
        return m[0];
    }
    if (same(probe, "brkshrink")) {
        long start = sys(214, 0, 0, 0, 0, 0, 0);
        sys(214, start + 8192, 0, 0, 0, 0, 0);
        volatile char *p = (volatile char *) (start + 4096);
        p[0] = 1;
        sys(214, start + 4096, 0, 0, 0, 0, 0);
        number((long) p);
        say("\n");
        return p[0];
    }
    if (same(probe, "inodes")) {
        /* "Aa" and "BB" have the same 31-multiplier hash; their inode numbers must still differ. */
        long a[16], b[16];
        sys(79, -100, (long) "/Aa", (long) a, 0, 0, 0);
        sys(79, -100, (long) "/BB", (long) b, 0, 0, 0);
        number(a[1] == b[1]);
        say(" ");
        number(a[11]);
        say("\n");
        return 0;
    }
    if (same(probe, "beyond")) {
        /* A read at 2^40: beyond a 40-bit stage-2 address space. */
        return *(volatile char *) (1UL << 40);
    }
    if (same(probe, "low")) {
        /* A read at 0x1000: no level-3 table covers the first 2 MiB, only the one for the code at 0x400000. */
        return *(volatile char *) 0x1000UL;
    }
    if (same(probe, "manyunknown")) {
        for (long n = 1000; n < 1200; n++) {
            sys(n, 0, 0, 0, 0, 0, 0);
        }
        return 0;
    }
    say("unknown probe\n");
    return 9;
}

__asm__(".global _start\n"
        "_start:\n"
        "  ldr x0, [sp]\n"
        "  add x1, sp, #8\n"
        "  adr x2, _start\n"
        "  bl start_c\n");

void start_c(long argc, char **argv, u64 start) {
    start_address = start;
    done(main((int) argc, argv));
}
