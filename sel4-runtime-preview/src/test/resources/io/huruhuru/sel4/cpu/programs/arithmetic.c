#include "freestanding.h"
static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static unsigned long depth(unsigned long n) { volatile unsigned long pad = n; return n == 0 ? 0 : 1 + depth(n - 1) + (pad & 0); }
static int program(void) {
    put_number(fib(22));
    put_number(depth(10000));
    unsigned long a = 0x9E3779B97F4A7C15UL, acc = 0;
    for (unsigned long i = 1; i < 5000; i++) {
        unsigned __int128 product = (unsigned __int128) a * (i * 0x2545F4914F6CDD1DUL);
        acc += (unsigned long) (product >> 64) ^ (unsigned long) product;
        acc ^= acc / i + (unsigned long) ((long) acc % (long) (i | 1));
        acc = (acc << 7) | (acc >> 57);
    }
    put_number(acc);
    long s = -123456789;
    put_number((unsigned long) (s / 1000) + (unsigned long) (s % 1000) + (unsigned long) (s >> 3));
    return (int) (acc & 0x3f);
}
