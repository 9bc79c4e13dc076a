/* malloc and free in a churn of sizes, with the contents checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    enum { SLOTS = 200, ROUNDS = 5000 };
    static unsigned char *blocks[SLOTS];
    static size_t sizes[SLOTS];
    unsigned seed = 7;
    unsigned long long checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        seed = seed * 1664525u + 1013904223u;
        int slot = (seed >> 10) % SLOTS;
        if (blocks[slot]) {
            for (size_t i = 0; i < sizes[slot]; i++) {
                if (blocks[slot][i] != (unsigned char) (slot + i)) {
                    printf("corrupted block %d\n", slot);
                    return 1;
                }
            }
            checksum += sizes[slot];
            free(blocks[slot]);
            blocks[slot] = NULL;
        } else {
            sizes[slot] = 1 + (seed >> 20) % 3000;
            blocks[slot] = malloc(sizes[slot]);
            if (!blocks[slot]) {
                printf("malloc failed\n");
                return 2;
            }
            for (size_t i = 0; i < sizes[slot]; i++) {
                blocks[slot][i] = (unsigned char) (slot + i);
            }
        }
    }
    char *joined = calloc(1, 64);
    joined = realloc(joined, 4096);
    strcpy(joined, "realloc kept");
    printf("%s; churned %d rounds, %llu bytes checked\n", joined, ROUNDS, checksum);
    return 0;
}
