#include "freestanding.h"
static unsigned char composite[100000];
static int program(void) {
    unsigned long count = 0;
    for (unsigned long i = 2; i < sizeof composite; i++) {
        if (!composite[i]) {
            count++;
            for (unsigned long j = i * i; j < sizeof composite; j += i) composite[j] = 1;
        }
    }
    put_number(count);
    return (int) (count & 0x7f);
}
