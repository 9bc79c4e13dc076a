/* Deep recursion: many frames on the stack. */
#include <stdio.h>

static unsigned long depth(unsigned long n, volatile char *previous) {
    volatile char frame[32];
    frame[0] = (char) n;
    if (n == 0) {
        return (unsigned long) (previous - frame[0]) & 1;
    }
    return depth(n - 1, frame) + n;
}

static unsigned long fibonacci(unsigned n) {
    return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}

int main(void) {
    printf("depth sum %lu\n", depth(5000, 0));
    printf("fibonacci(24) %lu\n", fibonacci(24));
    return 0;
}
