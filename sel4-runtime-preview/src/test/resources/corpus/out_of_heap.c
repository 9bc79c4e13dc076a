/* Allocates and touches 1 MiB blocks until malloc says no. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

int main(void) {
    int blocks = 0;
    for (;;) {
        char *p = malloc(1 << 20);
        if (!p) {
            break;
        }
        memset(p, 1, 1 << 20);
        blocks++;
    }
    printf("malloc returned NULL (%s) after %s\n", strerror(errno), blocks > 0 ? "some blocks" : "no block");
    char *small = malloc(100);
    printf("a small block still %s\n", small ? "fits" : "does not fit");
    return 3;
}
