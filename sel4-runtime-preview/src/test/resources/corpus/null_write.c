/* A store through a null pointer: a data fault at the address printed first. */
#include <stdio.h>

int main(void) {
    volatile int *target = (volatile int *) 0;
    printf("writing to %p\n", (void *) target);
    fflush(stdout);
    *target = 42;
    printf("still running\n");
    return 0;
}
