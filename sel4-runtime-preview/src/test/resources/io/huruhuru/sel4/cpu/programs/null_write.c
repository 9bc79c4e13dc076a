#include "freestanding.h"
static int program(void) {
    put("before\n", 7);
    *(volatile int *) 0 = 42; /* volatile: gcc -O2 deletes a plain store to address 0 */
    put("after\n", 6);
    return 0;
}
