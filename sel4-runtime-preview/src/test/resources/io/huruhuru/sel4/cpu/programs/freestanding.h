/* A freestanding runtime for the cpu tests: Linux AArch64 system calls by svc, no libc. */
static long syscall3(long number, long a, long b, long c) {
    register long x8 __asm__("x8") = number;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

static void put(const char *s, long n) { syscall3(64, 1, (long) s, n); }

static void put_number(unsigned long value) {
    char buffer[32];
    int i = 31;
    buffer[i] = '\n';
    do {
        buffer[--i] = (char) ('0' + value % 10);
        value /= 10;
    } while (value != 0);
    put(buffer + i, 32 - i);
}

static int program(void);

void _start(void) {
    syscall3(93, program(), 0, 0);
    for (;;) { }
}
